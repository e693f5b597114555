import { type RatingView, supervision } from '@docket/contracts';
import { Alert, Button, Card, Descriptions, Space, Timeline, Typography } from 'antd';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { call } from '../../api/client';
import { useDepartmentName } from '../../api/departments';
import { problemText } from '../../api/problem-text';
import { useLoad } from '../../api/use-call';
import { useSession } from '../../auth/session';
import { useCentreCalendar } from '../../clock/deadline';
import { formatDateTime } from '../../format';
import { useNow } from '../../format/use-now';
import { CaseLink, type Json, Step, ToneTag } from './parts';
import { type RatingAction, ratingActions } from './permissions';
import { RatingDialog } from './RatingDialogs';
import { LEVEL_TONE } from './RatingList';
import { TimeLeft } from './TimeLeft';

/** 评价: the rating, its call-backs, the department's rectification within its working days, the appeal. */
export function RatingPage() {
  const { caseNo = '' } = useParams();
  const { t, i18n } = useTranslation('supervision');
  const { t: common } = useTranslation();
  const { session } = useSession();
  const departmentName = useDepartmentName();
  const calendar = useCentreCalendar();
  const now = useNow();
  const [action, setAction] = useState<RatingAction>();
  const view = useLoad(
    (signal, { minPosition }) =>
      call(
        supervision.rating,
        { params: { caseNo } },
        { signal, ...(minPosition ? { minPosition } : {}) },
      ).then((reply) => reply as unknown as Json<RatingView>),
    [caseNo],
  );
  const back = <Link to="/supervision/ratings">{t('backToList')}</Link>;
  if (view.error !== undefined && view.data === undefined)
    return (
      <Space direction="vertical">
        {back}
        <Alert type="error" showIcon message={problemText(view.error, common)} />
      </Space>
    );
  if (view.data === undefined || session === undefined) return <Card loading />;
  const { rating, revision } = view.data;
  const actions = ratingActions(session.actor, rating);
  const at = (instant: string | undefined) => formatDateTime(instant, i18n.language);
  const rectificationOwed =
    rating.bad && rating.rectifyBy !== undefined && !rating.rectification && !rating.appeal?.decision?.upheld;

  const steps: { key: string; color: string; children: ReactNode }[] = [];
  rating.callBacks.forEach((c, index) => {
    steps.push({
      key: `call-${index}`,
      color: 'blue',
      children: (
        <Step title={`${t('rating.callBacks')} ${index + 1}`} at={c.at} by={c.by}>
          <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{c.notes}</Typography.Paragraph>
        </Step>
      ),
    });
  });
  if (rating.rectification)
    steps.push({
      key: 'rectification',
      color: rating.rectification.late ? 'red' : 'green',
      children: (
        <Step title={t('rating.rectification')} at={rating.rectification.at} by={rating.rectification.by}>
          {rating.rectification.late && <ToneTag tone="bad">{t('rating.rectifiedLate')}</ToneTag>}
          <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>
            {rating.rectification.measures}
          </Typography.Paragraph>
        </Step>
      ),
    });
  if (rating.appeal) {
    steps.push({
      key: 'appeal',
      color: 'orange',
      children: (
        <Step title={t('rating.appealTitle')} at={rating.appeal.at} by={rating.appeal.by}>
          <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>
            {rating.appeal.reason}
          </Typography.Paragraph>
        </Step>
      ),
    });
    const decision = rating.appeal.decision;
    if (decision)
      steps.push({
        key: 'decision',
        color: decision.upheld ? 'green' : 'gray',
        children: (
          <Step
            title={`${t('rating.appealDecision')}：${t(decision.upheld ? 'rating.upheld' : 'rating.dismissed')}`}
            at={decision.at}
            by={decision.by}
          >
            <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{decision.reason}</Typography.Paragraph>
          </Step>
        ),
      });
  }

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      {back}
      <Space align="center" wrap>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('rating.pageTitle', { caseNo: rating.caseNo })}
        </Typography.Title>
        <ToneTag tone={LEVEL_TONE[rating.level] ?? 'neutral'}>
          {t(`rating.levels.${String(rating.level) as '1'}`)}
        </ToneTag>
        {rectificationOwed && (
          <>
            <Typography.Text>{t('rating.rectifyBy')}</Typography.Text>
            <TimeLeft
              calendar={calendar.data?.calendar}
              deadline={rating.rectifyBy!}
              now={now}
              {...(rating.rectificationOverdue ? { overdueLabel: t('rating.rectificationOverdue') } : {})}
            />
          </>
        )}
      </Space>
      {rating.bad && rating.rectifyWorkingDays !== undefined && (
        <Alert
          type={rating.rectificationOverdue && !rating.rectification ? 'error' : 'info'}
          showIcon
          message={`${t('rating.rectifyRule', { count: rating.rectifyWorkingDays })}；${t('rating.rectifyBy')}：${at(rating.rectifyBy)}`}
        />
      )}
      <Card title={t('complaint.nextActions')} size="small">
        {!rating.bad ? (
          <Typography.Text type="secondary">{t('rating.goodRating')}</Typography.Text>
        ) : actions.length === 0 ? (
          <Typography.Text type="secondary">{t('rating.noActions')}</Typography.Text>
        ) : (
          <Space wrap>
            {actions.map((a, index) => (
              <Button key={a} type={index === 0 ? 'primary' : 'default'} onClick={() => setAction(a)}>
                {t(`rating.actions.${a}`)}
              </Button>
            ))}
          </Space>
        )}
      </Card>
      <Card size="small">
        <Descriptions column={2} size="small" bordered>
          <Descriptions.Item label={t('rating.columns.caseNo')}>
            <CaseLink caseNo={rating.caseNo} />
          </Descriptions.Item>
          <Descriptions.Item label={t('rating.columns.department')}>
            {departmentName(rating.department)}
          </Descriptions.Item>
          <Descriptions.Item label={t('rating.columns.ratedAt')}>
            {at(rating.ratedAt)}（{t(`rating.enteredBy.${rating.enteredBy}`)}）
          </Descriptions.Item>
          <Descriptions.Item label={t('rating.closedAt')}>{at(rating.closedAt)}</Descriptions.Item>
          <Descriptions.Item label={t('rating.counts')}>
            {t(rating.countsAsDissatisfied ? 'rating.countsYes' : 'rating.countsNo')}
          </Descriptions.Item>
          <Descriptions.Item label={t('rating.rectification')}>
            {rating.rectification
              ? t(rating.rectification.late ? 'rating.rectifiedLate' : 'rating.rectified')
              : rating.bad
                ? t('rating.noRectification')
                : t('rating.notNeeded')}
          </Descriptions.Item>
          <Descriptions.Item label={t('rating.comment')} span={2}>
            {rating.comment ?? t('rating.noComment')}
          </Descriptions.Item>
        </Descriptions>
      </Card>
      {rating.bad && (
        <Card title={t('complaint.progress')} size="small">
          {steps.length === 0 ? (
            <Typography.Text type="secondary">{t('rating.noCallBacks')}</Typography.Text>
          ) : (
            <Timeline items={steps} />
          )}
        </Card>
      )}
      {action && (
        <RatingDialog
          action={action}
          rating={rating}
          revision={revision}
          onClose={(sent) => {
            setAction(undefined);
            if (sent) view.reload(sent.position ?? undefined);
          }}
        />
      )}
    </Space>
  );
}
