import {
  DEFAULT_CLOCK_RULES,
  DEFAULT_COMPLAINT_ACCEPT_WORKING_DAYS,
  DEFAULT_GRADE_THRESHOLDS,
  DEFAULT_RATING_RECTIFY_WORKING_DAYS,
  DEFAULT_SCORE_RULES,
  DEFAULT_SUPERVISION_ORDER_REPLY_WORKING_DAYS,
  statutoryWorkingDayCap,
} from '@docket/domain';
import { Alert, Card, Space, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';

interface RuleRow {
  rule: string;
  value: string;
  source: string;
}

/**
 * 监察规则: the thresholds that are configuration today, with their values and where they come from.
 * Every one is a default constant of @docket/domain that the services build their deciders with (no
 * service reads an environment variable or a file for them), so the console imports the same constants:
 * what is shown is what the services run, without an endpoint to ask. (Except the score's points per
 * count, which a deployment may change with DOCKET_SCORE_DEDUCTIONS: these are their defaults, and the
 * score screen shows the rules each score was computed with, from the API.)
 */
export default function Rules() {
  const { t } = useTranslation('admin');
  const config = (name: string) => t('rules.sourceConfig', { name });
  const brief = (name: string) => t('rules.sourceBrief', { name });
  const points = (value: number) => t('rules.points', { points: value });
  const minus = (value: number) => t('rules.minus', { points: value });
  const { perCount } = DEFAULT_SCORE_RULES;
  const grades = DEFAULT_GRADE_THRESHOLDS;

  const sections: { title: string; rows: RuleRow[] }[] = [
    {
      title: t('rules.clock'),
      rows: [
        {
          rule: t('rules.reminder'),
          value: t('rules.reminderValue', { count: DEFAULT_CLOCK_RULES.reminderWorkingDaysBefore }),
          source: config('DEFAULT_CLOCK_RULES.reminderWorkingDaysBefore'),
        },
        {
          rule: t('rules.yellow'),
          value: t('rules.overValue', { count: DEFAULT_CLOCK_RULES.yellowAfterWorkingDays }),
          source: config('DEFAULT_CLOCK_RULES.yellowAfterWorkingDays'),
        },
        {
          rule: t('rules.red'),
          value: t('rules.overValue', { count: DEFAULT_CLOCK_RULES.redAfterWorkingDays }),
          source: config('DEFAULT_CLOCK_RULES.redAfterWorkingDays'),
        },
      ],
    },
    {
      title: t('rules.score'),
      rows: [
        {
          rule: t('rules.base'),
          value: points(DEFAULT_SCORE_RULES.base),
          source: config('DEFAULT_SCORE_RULES.base'),
        },
        {
          rule: t('rules.perYellow'),
          value: minus(perCount.yellow),
          source: config('DEFAULT_SCORE_RULES.perCount.yellow'),
        },
        {
          rule: t('rules.perRed'),
          value: minus(perCount.red),
          source: config('DEFAULT_SCORE_RULES.perCount.red'),
        },
        {
          rule: t('rules.perRefusal'),
          value: minus(perCount.refusalWithoutReason),
          source: config('DEFAULT_SCORE_RULES.perCount.refusalWithoutReason'),
        },
        {
          rule: t('rules.perOrder'),
          value: minus(perCount.supervisionOrders),
          source: config('DEFAULT_SCORE_RULES.perCount.supervisionOrders'),
        },
        {
          rule: t('rules.perDissatisfied'),
          value: minus(perCount.dissatisfiedRatings),
          source: config('DEFAULT_SCORE_RULES.perCount.dissatisfiedRatings'),
        },
        {
          rule: t('rules.perSubstantiatedComplaint'),
          value: minus(perCount.substantiatedComplaints),
          source: config('DEFAULT_SCORE_RULES.perCount.substantiatedComplaints'),
        },
        {
          rule: t('rules.perDeemedApproval'),
          value: minus(perCount.deemedApprovals),
          source: config('DEFAULT_SCORE_RULES.perCount.deemedApprovals'),
        },
      ],
    },
    {
      title: t('rules.grades'),
      rows: [
        ...(['excellent', 'good', 'pass'] as const).map((grade) => ({
          rule: t(`rules.${grade}`),
          value: t('rules.atLeast', { points: grades[grade] }),
          source: config(`DEFAULT_GRADE_THRESHOLDS.${grade}`),
        })),
        {
          rule: t('rules.fail'),
          value: t('rules.below', { points: grades.pass }),
          source: config('DEFAULT_GRADE_THRESHOLDS.pass'),
        },
      ],
    },
    {
      title: t('rules.supervision'),
      rows: [
        {
          rule: t('rules.complaintAccept'),
          value: t('rules.withinValue', { count: DEFAULT_COMPLAINT_ACCEPT_WORKING_DAYS }),
          source: brief('DEFAULT_COMPLAINT_ACCEPT_WORKING_DAYS'),
        },
        {
          rule: t('rules.orderReply'),
          value: t('rules.withinValue', { count: DEFAULT_SUPERVISION_ORDER_REPLY_WORKING_DAYS }),
          source: config('DEFAULT_SUPERVISION_ORDER_REPLY_WORKING_DAYS'),
        },
        {
          rule: t('rules.ratingRectify'),
          value: t('rules.withinValue', { count: DEFAULT_RATING_RECTIFY_WORKING_DAYS }),
          source: config('DEFAULT_RATING_RECTIFY_WORKING_DAYS'),
        },
      ],
    },
    {
      title: t('rules.catalogue'),
      rows: [
        {
          rule: t('rules.capSingle'),
          value: t('rules.capValue', { count: statutoryWorkingDayCap.single }),
          source: t('rules.sourceLaw', { name: 'statutoryWorkingDayCap.single' }),
        },
        {
          rule: t('rules.capJoint'),
          value: t('rules.capValue', { count: statutoryWorkingDayCap.joint }),
          source: t('rules.sourceLaw', { name: 'statutoryWorkingDayCap.joint' }),
        },
      ],
    },
  ];

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Alert type="info" showIcon message={t('rules.explain')} />
      {sections.map((section) => (
        <Card
          key={section.title}
          size="small"
          title={<Typography.Text strong>{section.title}</Typography.Text>}
        >
          <Table<RuleRow>
            size="small"
            pagination={false}
            rowKey="rule"
            aria-label={section.title}
            dataSource={section.rows}
            columns={[
              { title: t('rules.rule'), dataIndex: 'rule', width: 240 },
              { title: t('rules.value'), dataIndex: 'value', width: 300 },
              {
                title: t('rules.source'),
                dataIndex: 'source',
                render: (source: string) => <Typography.Text type="secondary">{source}</Typography.Text>,
              },
            ]}
          />
        </Card>
      ))}
    </Space>
  );
}
