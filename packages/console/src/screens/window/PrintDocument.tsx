import { intake } from '@docket/contracts';
import { Alert, Button, Card, Space } from 'antd';
import { toDataURL } from 'qrcode';
import { type ReactNode, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router-dom';
import { call } from '../../api/client';
import { useDepartmentName } from '../../api/departments';
import { problemText } from '../../api/problem-text';
import { useLoad } from '../../api/use-call';
import { formatDocumentDate } from '../../format';
import { loadCase } from './case-load';
import { type CaseDocument, type DocumentKind, documentNo, readNotes, statusPageUrl } from './desk-state';

/** A4, no shell: only the document is printed. */
const PRINT_CSS = `
@page { size: A4; margin: 20mm 18mm; }
.wenshu { width: 210mm; min-height: 297mm; box-sizing: border-box; margin: 0 auto; padding: 20mm 18mm;
  background: #fff; color: #000; box-shadow: 0 1px 6px rgba(0,0,0,.2);
  font-family: "FangSong", "STFangsong", "Noto Serif CJK SC", "Songti SC", "SimSun", serif; font-size: 16px; line-height: 1.9; }
.wenshu h2 { text-align: center; font-size: 26px; letter-spacing: 4px; margin: 0 0 4px; font-weight: 700; }
.wenshu .docno { text-align: center; margin-bottom: 24px; }
.wenshu p { text-indent: 2em; margin: 0 0 8px; }
.wenshu table.facts, .wenshu table.lines { border-collapse: collapse; width: 100%; margin: 12px 0; }
.wenshu table.facts th, .wenshu table.facts td, .wenshu table.lines th, .wenshu table.lines td {
  border: 1px solid #000; padding: 4px 8px; text-align: left; vertical-align: top; font-weight: normal; }
.wenshu table.facts th { width: 8em; }
.wenshu .signature { display: flex; justify-content: space-between; align-items: flex-end; margin-top: 48px; }
.wenshu .seal { text-align: center; min-width: 16em; }
.wenshu .seal-box { width: 42mm; height: 42mm; border: 1px dashed #767676; border-radius: 50%; margin: 0 auto 8px;
  display: flex; align-items: center; justify-content: center; color: #595959; }
.wenshu .qr { text-align: center; font-size: 12px; }
.wenshu .qr img { width: 30mm; height: 30mm; display: block; }
@media print {
  .ant-layout-header, .skip-link, .no-print { display: none !important; }
  .ant-layout, .ant-layout-content, body { background: #fff !important; padding: 0 !important; }
  .wenshu { box-shadow: none; width: auto; min-height: auto; padding: 0; margin: 0; }
}
`;

/** When the case list has caught up with the command the document comes from. */
const readyFor: Record<DocumentKind, (doc: CaseDocument) => boolean> = {
  acceptance: (doc) => doc.promisedDeadline !== null,
  correction: (doc) => doc.status !== 'submitted',
  decline: (doc) => doc.status === 'declined',
};

/** 文书: 受理通知书, 补正材料通知书, 不予受理决定书, as printed on A4 for the applicant. */
export default function PrintDocument() {
  const { caseNo = '', kind: kindParam = '' } = useParams();
  const kind = (['acceptance', 'correction', 'decline'] as const).find((k) => k === kindParam);
  const { t, i18n } = useTranslation('window');
  const { t: common } = useTranslation();
  const departmentName = useDepartmentName();
  const navigate = useNavigate();
  const document = useLoad(
    (signal) => loadCase(caseNo, { signal }, kind === undefined ? undefined : readyFor[kind]),
    [caseNo, kind],
  );
  const itemCode = document.data?.itemCode;
  const item = useLoad(
    () =>
      itemCode === undefined ? Promise.resolve(undefined) : call(intake.item, { params: { code: itemCode } }),
    [itemCode],
  );
  const [qr, setQr] = useState<string>();
  useEffect(() => {
    void toDataURL(statusPageUrl(caseNo), { margin: 1, width: 240 }).then(setQr, () => setQr(undefined));
  }, [caseNo]);

  const back = (
    <Space className="no-print" style={{ marginBottom: 16 }}>
      <Button onClick={() => navigate(`/window/case/${encodeURIComponent(caseNo)}`)}>
        {t('print.back')}
      </Button>
      <Button type="primary" onClick={() => window.print()}>
        {t('print.print')}
      </Button>
    </Space>
  );
  if (kind === undefined) return <Alert type="error" showIcon message={common('errors.notFound')} />;
  if (document.error !== undefined && document.data === undefined)
    return <Alert type="error" showIcon message={problemText(document.error, common)} />;
  const doc = document.data;
  if (doc === undefined) return <Card loading />;

  const language = i18n.language;
  const date = (instant: string | null | undefined) => formatDocumentDate(instant, language);
  const notes = readNotes(caseNo);
  const promisedLimit = item.data?.current.promisedLimit;
  const facts: [string, string][] = [
    [t('print.applicant'), doc.applicantName],
    [t('print.item'), doc.itemName],
    [t('print.caseNo'), doc.caseNo],
    [t('print.queryCode'), notes.queryCode ?? t('print.unknown')],
  ];
  let title = '';
  let body: ReactNode = null;
  let issued: string | undefined;
  if (kind === 'acceptance') {
    title = t('print.acceptance.title');
    issued = doc.acceptedAt ?? undefined;
    facts.push([t('print.acceptedAt'), date(doc.acceptedAt)]);
    if (promisedLimit !== undefined)
      facts.push([t('print.promised'), common('clock.workingDays', { count: promisedLimit.value })]);
    facts.push([t('print.promisedDate'), date(doc.promisedDeadline)]);
    body = (
      <>
        <p>{t('print.acceptance.body', { submitted: date(doc.submittedAt), item: doc.itemName })}</p>
        {promisedLimit !== undefined && (
          <p>
            {t('print.acceptance.promise', {
              limit: common('clock.workingDays', { count: promisedLimit.value }),
              date: date(doc.promisedDeadline),
            })}
          </p>
        )}
        <p>{t('print.acceptance.query')}</p>
      </>
    );
  } else if (kind === 'correction') {
    title = t('print.correction.title');
    const correction = notes.correction;
    issued = correction?.at;
    const correctionLimit = item.data?.current.correctionLimit;
    body = (
      <>
        <p>{t('print.correction.body', { submitted: date(doc.submittedAt), item: doc.itemName })}</p>
        {correction === undefined ? (
          <p>{t('print.correction.unknownLines')}</p>
        ) : (
          <table className="lines" aria-label={t('print.correction.caption')}>
            <thead>
              <tr>
                <th scope="col">#</th>
                <th scope="col">{t('print.correction.material')}</th>
                <th scope="col">{t('print.correction.form')}</th>
                <th scope="col">{t('print.correction.count')}</th>
                <th scope="col">{t('print.correction.reason')}</th>
              </tr>
            </thead>
            <tbody>
              {correction.lines.map((line, index) => (
                <tr key={line.code}>
                  <td>{index + 1}</td>
                  <td>{line.name}</td>
                  <td>{t(`form.${line.form}`)}</td>
                  <td>{line.count}</td>
                  <td>
                    {t('print.line', {
                      kind: line.kind === 'missing' ? t('print.missing') : t('print.deficient'),
                      reason: line.reason,
                    })}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {correction?.note && <p>{t('print.correction.note', { note: correction.note })}</p>}
        {correctionLimit !== undefined && correction !== undefined && (
          <p>
            {t('print.correction.deadline', {
              limit: common('clock.workingDays', { count: correctionLimit.value }),
            })}
          </p>
        )}
      </>
    );
  } else {
    title = t('print.decline.title');
    const decline = notes.decline;
    issued = decline?.at;
    body = (
      <>
        <p>{t('print.decline.body', { submitted: date(doc.submittedAt), item: doc.itemName })}</p>
        {decline !== undefined && (
          <>
            <p>{t('print.decline.reason', { reason: decline.reason })}</p>
            <p>{t('print.decline.legalBasis', { basis: decline.legalBasis })}</p>
          </>
        )}
        <p>{t('print.decline.remedies')}</p>
      </>
    );
  }

  return (
    <div>
      <style>{PRINT_CSS}</style>
      {back}
      <article className="wenshu" aria-label={title}>
        <h2>{title}</h2>
        <div className="docno">{t('print.documentNo', { no: documentNo(kind, doc.caseNo) })}</div>
        <p style={{ textIndent: 0 }}>{t('print.salutation', { name: doc.applicantName })}</p>
        {body}
        <table className="facts">
          <tbody>
            {facts.map(([label, value]) => (
              <tr key={label}>
                <th scope="row">{label}</th>
                <td>{value}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <div className="signature">
          <div className="qr">
            {qr && <img src={qr} alt={t('print.qrAlt')} />}
            <div>{t('print.qr')}</div>
          </div>
          <div className="seal">
            <div className="seal-box">{t('print.sealPlace')}</div>
            <div>{departmentName(doc.acceptingUnit ?? doc.department)}</div>
            <div>{t('print.seal')}</div>
            <div>{date(issued ?? new Date().toISOString())}</div>
          </div>
        </div>
      </article>
    </div>
  );
}
