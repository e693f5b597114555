import { audit } from '@docket/contracts';
import { App, Button, Modal } from 'antd';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../../api/client';
import { problemText } from '../../api/problem-text';

/** Hands the browser a file to save (the export is made by the API, saved as the user's download). */
function download(name: string, type: string, text: string) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  // The download has its copy once the click is handled.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/**
 * 审计文件: the case as JSON (docket-case-audit/1, with inclusion proofs against the newest signed
 * checkpoint), and the printable timeline the API renders, previewed here and printed from its frame.
 */
export function ExportActions({ caseNo }: { caseNo: string }) {
  const { t } = useTranslation('audit');
  const { t: common } = useTranslation();
  const { message } = App.useApp();
  const [busy, setBusy] = useState<'json' | 'html'>();
  const [html, setHtml] = useState<string>();
  const frame = useRef<HTMLIFrameElement>(null);

  const exportAs = async (format: 'json' | 'html') => {
    setBusy(format);
    try {
      if (format === 'html') {
        // With ?format=html the gateway answers the page itself (text/html), which `call` hands back as text.
        const page: unknown = await call(audit.export, { params: { caseNo }, query: { format } });
        setHtml(String(page));
      } else {
        const file = await call(audit.export, { params: { caseNo }, query: { format } });
        const name = `case-${caseNo}.audit.json`;
        download(name, 'application/json', `${JSON.stringify(file, null, 2)}\n`);
        void message.success(t('export.done', { file: name }));
      }
    } catch (error) {
      void message.error(problemText(error, common));
    } finally {
      setBusy(undefined);
    }
  };

  return (
    <>
      <Button onClick={() => void exportAs('json')} disabled={busy !== undefined}>
        {t('export.json')}
      </Button>
      <Button onClick={() => void exportAs('html')} disabled={busy !== undefined}>
        {t('export.print')}
      </Button>
      {html !== undefined && (
        <Modal
          open
          width={1000}
          title={t('export.printTitle')}
          onCancel={() => setHtml(undefined)}
          footer={[
            <Button key="download" onClick={() => download(`audit-${caseNo}.html`, 'text/html', html)}>
              {t('export.download')}
            </Button>,
            <Button key="print" type="primary" onClick={() => frame.current?.contentWindow?.print()}>
              {t('export.printNow')}
            </Button>,
          ]}
        >
          <iframe
            ref={frame}
            title={t('export.frameTitle')}
            srcDoc={html}
            sandbox="allow-modals allow-same-origin"
            style={{ width: '100%', height: '65vh', border: '1px solid #f0f0f0' }}
          />
        </Modal>
      )}
    </>
  );
}
