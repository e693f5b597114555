import { audit, type ReplyOf } from '@docket/contracts';
import { Alert, App, Button, Card, Collapse, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../../api/client';
import { problemText } from '../../api/problem-text';
import { useSession } from '../../auth/session';
import { type Checkpoint, checkSignature, type SignatureCheck } from './checkpoint-check';
import { formatInstant } from './words';

type CheckpointList = ReplyOf<typeof audit.checkpoints>;

interface Check {
  signature: SignatureCheck;
  /** Whether the ledger's event at the checkpoint's size still hashes to the signed head hash. */
  chain: boolean | undefined;
}

const GENESIS = '0'.repeat(64);

/** One checkpoint checked: its signature in the browser, its head hash against the ledger's hash there. */
async function checkOne(checkpoint: Checkpoint, keys: CheckpointList['keys']): Promise<Check> {
  const signature = await checkSignature(checkpoint, keys);
  if (checkpoint.size === 0) return { signature, chain: checkpoint.headHash === GENESIS };
  const at = String(checkpoint.size);
  const reply = await call(audit.verify, { body: { from: at, to: at } });
  return { signature, chain: reply.ok && reply.headHash === checkpoint.headHash };
}

/** Solid tag colours with white text (4.5:1; antd's light presets are not). */
const GOOD = '#237804';
const BAD = '#a8071a';

const SIGNATURE_WORDS = {
  valid: [GOOD, 'checkpoints.signatureValid'],
  invalid: [BAD, 'checkpoints.signatureInvalid'],
  'untrusted-key': [BAD, 'checkpoints.untrustedKey'],
  unsupported: ['#595959', 'checkpoints.unsupported'],
  'server-only': ['#595959', 'checkpoints.serverOnly'],
} as const;

/**
 * 签名检查点: the list (newest first), each checked on demand, the centre's public keys, and — for the
 * centre's administrators, who alone may — signing the ledger's head now.
 */
export function Checkpoints({ list, onSigned }: { list: CheckpointList; onSigned: () => void }) {
  const { t, i18n } = useTranslation('audit');
  const { t: common } = useTranslation();
  const { message } = App.useApp();
  const { can } = useSession();
  const [checks, setChecks] = useState<Record<number, Check | 'checking' | 'failed'>>({});
  const [signing, setSigning] = useState(false);
  const newestFirst = [...list.checkpoints].reverse();

  const check = async (checkpoint: Checkpoint) => {
    setChecks((c) => ({ ...c, [checkpoint.size]: 'checking' }));
    const result = await checkOne(checkpoint, list.keys).catch(() => 'failed' as const);
    setChecks((c) => ({ ...c, [checkpoint.size]: result }));
  };

  // One after another: each check asks the ledger once, and a long list should not flood the gateway.
  const checkAll = async () => {
    for (const checkpoint of newestFirst) await check(checkpoint);
  };

  const sign = async () => {
    setSigning(true);
    try {
      const reply = await call(audit.signCheckpoint, { body: {} });
      void message.success(
        t(reply.signed ? 'checkpoints.signed' : 'checkpoints.notSigned', { size: reply.checkpoint.size }),
      );
      onSigned();
    } catch (error) {
      void message.error(problemText(error, common));
    } finally {
      setSigning(false);
    }
  };

  const result = (checkpoint: Checkpoint) => {
    const found = checks[checkpoint.size];
    if (found === undefined) return null;
    if (found === 'checking')
      return <Typography.Text type="secondary">{t('checkpoints.checking')}</Typography.Text>;
    if (found === 'failed') return <Tag color={BAD}>{common('errors.network')}</Tag>;
    const [colour, words] = SIGNATURE_WORDS[found.signature];
    return (
      <Space size={4} wrap data-testid="checkpoint-check">
        <Tag color={colour}>{t(words)}</Tag>
        {found.chain !== undefined && (
          <Tag color={found.chain ? GOOD : BAD}>
            {found.chain ? t('checkpoints.chainMatches') : t('checkpoints.chainDiffers')}
          </Tag>
        )}
      </Space>
    );
  };

  return (
    <Card
      size="small"
      title={<h3 className="audit-card-title">{t('checkpoints.title')}</h3>}
      extra={
        <Space>
          <Button disabled={list.checkpoints.length === 0} onClick={() => void checkAll()}>
            {t('checkpoints.checkAll')}
          </Button>
          {can('admin') && (
            <Button type="primary" disabled={signing} onClick={() => void sign()}>
              {t('checkpoints.sign')}
            </Button>
          )}
        </Space>
      }
    >
      <Typography.Paragraph type="secondary">{t('checkpoints.note')}</Typography.Paragraph>
      {list.checkpoints.length === 0 ? (
        <Alert type="info" showIcon message={t('checkpoints.none')} />
      ) : (
        <Table<Checkpoint>
          size="small"
          rowKey="size"
          dataSource={newestFirst}
          pagination={{ pageSize: 8, hideOnSinglePage: true }}
          columns={[
            {
              title: t('checkpoints.size'),
              dataIndex: 'size',
              render: (size: number) => t('checkpoints.sizeValue', { size }),
            },
            {
              title: t('checkpoints.signedAt'),
              dataIndex: 'signedAt',
              render: (at: string) => formatInstant(at, i18n.language),
            },
            {
              title: t('checkpoints.keyId'),
              dataIndex: 'keyId',
              render: (id: string) => <Typography.Text code>{id}</Typography.Text>,
            },
            {
              title: t('checkpoints.headHash'),
              dataIndex: 'headHash',
              render: (hash: string) => (
                <Typography.Text code title={hash}>
                  {hash.slice(0, 12)}…
                </Typography.Text>
              ),
            },
            { title: t('checkpoints.result'), key: 'result', render: (_, c) => result(c) },
            {
              title: t('checkpoints.check'),
              key: 'check',
              render: (_, c) => (
                <Button
                  size="small"
                  disabled={checks[c.size] === 'checking'}
                  onClick={() => void check(c)}
                  aria-label={t('checkpoints.checkLabel', { size: c.size })}
                >
                  {t('checkpoints.check')}
                </Button>
              ),
            },
          ]}
        />
      )}
      <Collapse
        size="small"
        ghost
        items={[
          {
            key: 'keys',
            label: t('checkpoints.keys', { count: list.keys.length }),
            children: list.keys.map((key) => (
              <div key={key.keyId}>
                <Typography.Text code>{key.keyId}</Typography.Text>
                <pre className="audit-raw">{key.publicKeyPem}</pre>
              </div>
            )),
          },
        ]}
      />
    </Card>
  );
}
