import { audit } from '@docket/contracts';
import { Alert, Button, Card, Descriptions, Progress, Space, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../../api/client';
import { problemText } from '../../api/problem-text';
import { type CheckRange, findHead, type WalkResult, walkLedger } from './ledger-walk';

type Walk =
  | { phase: 'idle' }
  | { phase: 'locating' }
  | { phase: 'walking'; checked: number; total: number }
  | { phase: 'done'; result: WalkResult; ms: number }
  | { phase: 'stopped'; checked: number }
  | { phase: 'failed'; error: unknown };

/**
 * 账本核验 with progress: the whole hash chain walked in ranges (the API verifies any range), the bar
 * counting events off, a stop button; then the figures, or the first position that does not match.
 */
export function LedgerVerification({ knownSize }: { knownSize: number }) {
  const { t } = useTranslation('audit');
  const { t: common } = useTranslation();
  const [walk, setWalk] = useState<Walk>({ phase: 'idle' });
  const controller = useRef<AbortController>(undefined);
  useEffect(() => () => controller.current?.abort(), []);

  const start = async () => {
    const abort = new AbortController();
    controller.current = abort;
    const check: CheckRange = (range) => call(audit.verify, { body: range }, { signal: abort.signal });
    const began = performance.now();
    let checked = 0;
    setWalk({ phase: 'locating' });
    try {
      const total = await findHead(check, knownSize);
      setWalk({ phase: 'walking', checked: 0, total });
      const result = await walkLedger(
        check,
        total,
        (done, of) => {
          checked = done;
          setWalk({ phase: 'walking', checked: done, total: of });
        },
        abort.signal,
      );
      setWalk({ phase: 'done', result, ms: performance.now() - began });
    } catch (error) {
      if ((error as Error)?.name === 'AbortError') setWalk({ phase: 'stopped', checked });
      else setWalk({ phase: 'failed', error });
    }
  };

  const running = walk.phase === 'locating' || walk.phase === 'walking';
  return (
    <Card
      size="small"
      title={<h3 className="audit-card-title">{t('ledger.title')}</h3>}
      extra={
        running ? (
          <Button onClick={() => controller.current?.abort()}>{t('ledger.stop')}</Button>
        ) : (
          <Button type="primary" onClick={() => void start()}>
            {walk.phase === 'idle' ? t('ledger.start') : t('ledger.again')}
          </Button>
        )
      }
    >
      <Typography.Paragraph type="secondary">{t('ledger.note')}</Typography.Paragraph>
      <div aria-live="polite">
        {walk.phase === 'locating' && (
          <>
            <Progress percent={0} status="active" showInfo={false} aria-label={t('ledger.progressLabel')} />
            <Typography.Text>{t('ledger.locating')}</Typography.Text>
          </>
        )}
        {walk.phase === 'walking' && (
          <>
            <Progress
              percent={walk.total === 0 ? 100 : Math.floor((100 * walk.checked) / walk.total)}
              status="active"
              aria-label={t('ledger.progressLabel')}
            />
            <Typography.Text>
              {t('ledger.progress', { checked: walk.checked, total: walk.total })}
            </Typography.Text>
          </>
        )}
        {walk.phase === 'stopped' && (
          <Alert type="info" showIcon message={t('ledger.stopped', { count: walk.checked })} />
        )}
        {walk.phase === 'failed' && <Alert type="error" showIcon message={problemText(walk.error, common)} />}
        {walk.phase === 'done' && <Outcome result={walk.result} ms={walk.ms} />}
      </div>
    </Card>
  );
}

function Outcome({ result, ms }: { result: WalkResult; ms: number }) {
  const { t } = useTranslation('audit');
  if (!result.ok)
    return (
      <Alert
        type="error"
        showIcon
        data-testid="ledger-result"
        message={t('ledger.broken', { position: result.position })}
        description={t('ledger.brokenDetail', { count: result.count, reason: result.reason })}
      />
    );
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Progress percent={100} aria-label={t('ledger.progressLabel')} />
      <Alert
        type="success"
        showIcon
        data-testid="ledger-result"
        message={t('ledger.ok', { count: result.count })}
      />
      <Descriptions
        size="small"
        column={1}
        bordered
        styles={{ label: { width: 120, whiteSpace: 'nowrap' } }}
        items={[
          { key: 'events', label: t('ledger.events'), children: result.count },
          { key: 'head', label: t('ledger.headPosition'), children: result.headPosition ?? '—' },
          {
            key: 'hash',
            label: t('ledger.headHash'),
            children: (
              <Typography.Text code copyable style={{ wordBreak: 'break-all' }}>
                {result.headHash}
              </Typography.Text>
            ),
          },
          {
            key: 'took',
            label: t('ledger.took'),
            children: t('ledger.seconds', { count: Number((ms / 1000).toFixed(2)) }),
          },
        ]}
      />
    </Space>
  );
}
