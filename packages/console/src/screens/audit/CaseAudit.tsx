import { audit } from '@docket/contracts';
import { Alert, Button, Card, Col, Empty, Row, Space, Spin, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { ApiError, call } from '../../api/client';
import { useLive } from '../../api/live';
import { problemText } from '../../api/problem-text';
import { useLoad } from '../../api/use-call';
import { AsOfControl } from './AsOfControl';
import { ChangeTable } from './Changes';
import { DisclosedPanel } from './DisclosedPanel';
import { type Disclosure, DisclosureDialog } from './DisclosureDialog';
import { ExportActions } from './ExportActions';
import { fieldChanges } from './field-diff';
import { HistoryTimeline } from './HistoryTimeline';
import { StateSummary } from './StateSummary';
import { useCaseStates } from './use-case-states';
import { type CaseState, caseParts, eventLabel, formatInstant } from './words';

/**
 * 办件审计 (/audit/cases/:caseNo): the case's whole history from the ledger as a timeline, the case as it
 * stood at any event or instant (the as-of slider), the fields each event changed old → new, export, and
 * the audited disclosure of its personal data.
 */
export default function CaseAudit() {
  const { caseNo = '' } = useParams();
  const { t, i18n } = useTranslation('audit');
  const { t: common } = useTranslation();
  const history = useLoad(
    (signal, { minPosition }) =>
      call(audit.history, { params: { caseNo } }, { signal, ...(minPosition ? { minPosition } : {}) }),
    [caseNo],
  );
  // A case still moving (a complaint, a delivery) shows its new events as they are recorded.
  useLive(history.reload, (notice) => notice.caseNo === caseNo);
  const entries = history.data?.entries;
  const { states, done, error: replayError } = useCaseStates(caseNo, entries);
  const [selected, setSelected] = useState<number>();
  const [instant, setInstant] = useState<string>();
  const [instantState, setInstantState] = useState<CaseState>();
  const [disclosing, setDisclosing] = useState(false);
  const [disclosed, setDisclosed] = useState<{ reply: Disclosure; reason: string }>();

  const last = (entries?.length ?? 0) - 1;
  const index = selected === undefined || selected > last ? last : selected;

  // The case as of an instant: asked of the API (domain time), the slider then standing on the last event counted.
  useEffect(() => {
    if (instant === undefined) return;
    const controller = new AbortController();
    call(audit.state, { params: { caseNo }, query: { asOf: instant } }, { signal: controller.signal }).then(
      (state) => {
        setInstantState(state);
        const at = entries?.findLastIndex(
          (e) => state.asOf.position !== null && BigInt(e.position) <= BigInt(state.asOf.position),
        );
        setSelected(at === undefined || at < 0 ? 0 : at);
      },
      () => setInstantState(undefined),
    );
    return () => controller.abort();
  }, [caseNo, instant, entries]);

  const changes = useMemo(
    () =>
      states.map((state, i) => {
        if (state === undefined) return undefined;
        if (i === 0) return fieldChanges(undefined, caseParts(state));
        const before = states[i - 1];
        return before === undefined ? undefined : fieldChanges(caseParts(before), caseParts(state));
      }),
    [states],
  );

  if (history.error)
    return (
      <Alert
        type="error"
        showIcon
        message={
          history.error instanceof ApiError && history.error.status === 404
            ? t('case.notFound')
            : problemText(history.error, common)
        }
        action={<Link to="/audit">{t('case.back')}</Link>}
      />
    );
  if (entries === undefined) return <Card loading />;

  const shownState = instant !== undefined ? instantState : states[index];
  const entry = entries[index];
  const choose = (i: number) => {
    setInstant(undefined);
    setInstantState(undefined);
    // The latest event chosen: follow the case as new events arrive.
    setSelected(i === last ? undefined : i);
  };

  return (
    <div className="audit-case">
      <style>{AUDIT_CSS}</style>
      <Space direction="vertical" size="middle" style={{ width: '100%' }}>
        <Space split="·" className="no-print">
          <Link to="/audit">{t('case.back')}</Link>
          <Link to={`/cases/${encodeURIComponent(caseNo)}`}>{t('case.file')}</Link>
        </Space>
        <Row justify="space-between" align="middle" gutter={[16, 8]}>
          <Col>
            <Typography.Title level={2} style={{ margin: 0 }}>
              {t('case.title', { caseNo })}
            </Typography.Title>
            <Typography.Text type="secondary">{t('case.events', { count: entries.length })}</Typography.Text>
          </Col>
          <Col className="no-print">
            <Space wrap>
              <ExportActions caseNo={caseNo} />
              <Button type="primary" onClick={() => setDisclosing(true)}>
                {t('disclose.open')}
              </Button>
            </Space>
          </Col>
        </Row>
        {history.data?.personalData === 'masked' && <Alert type="info" showIcon message={t('case.masked')} />}
        {disclosed && (
          <DisclosedPanel
            disclosure={disclosed.reply}
            reason={disclosed.reason}
            onHide={() => setDisclosed(undefined)}
          />
        )}
        {replayError !== undefined && (
          <Alert type="error" showIcon message={problemText(replayError, common)} />
        )}
        <Card size="small" title={<h3 className="audit-card-title">{t('asOf.title')}</h3>}>
          <AsOfControl
            entries={entries}
            selected={index}
            instant={instant}
            onSelect={choose}
            onInstant={setInstant}
          />
          {instant !== undefined && instantState && (
            <Typography.Text strong data-testid="audit-asof">
              {instantState.asOf.position === null
                ? t('asOf.instantNone', { at: formatInstant(instant, i18n.language) })
                : t('asOf.instantAt', {
                    at: formatInstant(instant, i18n.language),
                    position: instantState.asOf.position,
                  })}
            </Typography.Text>
          )}
          {done < entries.length && (
            <div role="status" className="audit-replaying">
              <Spin size="small" /> {t('case.replaying', { done, total: entries.length })}
            </div>
          )}
        </Card>
        <Row gutter={16} align="top">
          <Col xs={24} lg={13}>
            <Card size="small" title={<h3 className="audit-card-title">{t('history.title')}</h3>}>
              {entries.length === 0 ? (
                <Empty />
              ) : (
                <HistoryTimeline entries={entries} changes={changes} selected={index} onSelect={choose} />
              )}
            </Card>
          </Col>
          <Col xs={24} lg={11} className="audit-sticky">
            <Card
              size="small"
              title={<h3 className="audit-card-title">{t('state.title')}</h3>}
              extra={entry && instant === undefined ? eventLabel(entry.type, t) : undefined}
            >
              {shownState ? <StateSummary state={shownState} /> : <Spin />}
            </Card>
            {instant === undefined && entry && (
              <Card
                size="small"
                style={{ marginTop: 16 }}
                title={<h3 className="audit-card-title">{t('changes.title')}</h3>}
                extra={`${eventLabel(entry.type, t)} · ${formatInstant(entry.occurredAt, i18n.language)}`}
              >
                {changes[index] ? <ChangeTable key={entry.eventId} changes={changes[index]} /> : <Spin />}
              </Card>
            )}
          </Col>
        </Row>
      </Space>
      {disclosing && (
        <DisclosureDialog
          caseNo={caseNo}
          onClose={(reply, reason) => {
            setDisclosing(false);
            if (reply === undefined || reason === undefined) return;
            setDisclosed({ reply, reason });
            history.reload(reply.disclosure.position);
          }}
        />
      )}
    </div>
  );
}

/** The audit screens' own layout: the state stays in view beside a long timeline; print shows the page alone. */
const AUDIT_CSS = `
.audit-card-title { margin: 0; font-size: 16px; }
.audit-sticky { position: sticky; top: 16px; }
.audit-event-head { display: flex; flex-wrap: wrap; gap: 8px; align-items: baseline; }
.audit-event-title.ant-btn { padding: 0; height: auto; font-weight: 600; }
.audit-event-future, .audit-event-future .audit-event-title.ant-btn { color: rgba(0,0,0,.62); }
.audit-event-future .audit-event-title.ant-btn { font-weight: 400; }
.audit-event-selected { background: #e6f4ff; border-radius: 6px; padding: 4px 8px; margin: -4px -8px; }
.audit-change-lines { margin: 4px 0 0; padding-left: 18px; font-size: 13px; }
.audit-old { color: #a8071a; text-decoration: line-through; text-decoration-color: rgba(168,7,26,.45); }
.audit-new { color: #135200; }
.audit-path { font-family: ui-monospace, Menlo, Consolas, monospace; font-size: 12px; word-break: break-all; }
.audit-raw { max-height: 320px; overflow: auto; font-size: 12px; background: #fafafa; padding: 8px; margin: 0; }
.audit-replaying { margin-top: 8px; color: rgba(0,0,0,.65); }
@media print {
  .ant-layout-header, .skip-link, .no-print, .audit-asof { display: none !important; }
  .audit-sticky { position: static; }
}
`;
