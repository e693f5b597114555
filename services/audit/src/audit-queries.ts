import {
  type CaseExport,
  type CaseExportProofs,
  type CheckpointSigner,
  caseExportProofs,
  caseHistory,
  caseStateAsOf,
  exportCase,
  latestCheckpoint,
  loadTrustedKeys,
  readCheckpoints,
  renderCaseTimelineHtml,
} from '@docket/audit';
import {
  type AuditHistoryEntry,
  audit,
  type CaseExportReply,
  type CaseHistoryReply,
  type CaseStateReply,
  type CheckpointListReply,
  type DisclosureReply,
  type ParsedRequestOf,
  PERSONAL_DATA_FIELDS,
  type PersonalDataField,
  type PersonalDataNotice,
  type SignCheckpointReply,
  type VerifyLedgerReply,
} from '@docket/contracts';
import { type Actor, disclosureStreamName } from '@docket/domain';
import {
  auditCaseRule,
  auditLedgerRule,
  authorise,
  authoriseCommand,
  disclosureRule,
  rootOf,
} from '@docket/identity';
import { valueKeysOf } from '@docket/personal-data';
import { actorOf, type CommandRunner, createCommandRunner, type Message } from '@docket/service-kit';
import { Inject, Injectable } from '@nestjs/common';
import type { AuditDeps } from './audit-deps';
import { type CaseAccess, caseAccess, mayReadPersonalData } from './case-access';
import { type DisclosePersonalData, disclosureDecider } from './disclosure';
import { maskPersonalData } from './masking';
import { AUDIT, SIGNER } from './tokens';

/** What the reader is shown: everything (they may see it, or it was disclosed), or masked values. */
interface Showing {
  full: boolean;
  shown: ReadonlySet<PersonalDataField>;
  disclosed?: PersonalDataField[];
}

/**
 * 审计: a case's history, its state as of a moment, its export with inclusion proofs, the ledger's verify,
 * the signed checkpoints. Everything about a case is read from the ledger (never from read models) and
 * personal data is masked for whoever may not see it (`canSeePersonalData`), unless disclosed.
 */
@Injectable()
export class AuditQueries {
  private readonly disclosures: CommandRunner<DisclosePersonalData, unknown>;

  constructor(
    @Inject(AUDIT) private readonly deps: AuditDeps,
    @Inject(SIGNER) private readonly signer: CheckpointSigner,
  ) {
    this.disclosures = createCommandRunner({
      ledger: deps.ledger,
      decider: disclosureDecider,
      clock: deps.clock,
      // Authorised on the case before the command is run (disclosureRule, the case's scope).
      authorise: () => undefined,
    });
  }

  private get tree() {
    return this.deps.directory.tree;
  }

  /** Authorised to read the case's audit trail, and what of its personal data the reader sees. */
  private async openCase(caseNo: string, actor: Actor): Promise<{ access: CaseAccess; showing: Showing }> {
    const access = await caseAccess(this.deps.ledger, caseNo, this.tree);
    authorise(actor, auditCaseRule, access.scope, this.tree);
    const full = mayReadPersonalData(actor, access, this.tree);
    return { access, showing: { full, shown: new Set(full ? PERSONAL_DATA_FIELDS : []) } };
  }

  private notice(showing: Showing): PersonalDataNotice {
    const masked = !showing.full && showing.shown.size < PERSONAL_DATA_FIELDS.length;
    return {
      personalData: masked ? 'masked' : 'full',
      ...(showing.disclosed === undefined ? {} : { disclosed: showing.disclosed }),
    };
  }

  private mask<T>(value: T, access: CaseAccess, showing: Showing): T {
    return showing.full ? value : maskPersonalData(value, access.personal, showing.shown);
  }

  async history(
    { caseNo }: ParsedRequestOf<typeof audit.history>,
    { headers, subject }: Message,
  ): Promise<CaseHistoryReply> {
    const { access, showing } = await this.openCase(caseNo, actorOf(headers, subject));
    return this.historyOf(access, showing);
  }

  private async historyOf(access: CaseAccess, showing: Showing): Promise<CaseHistoryReply> {
    const entries: AuditHistoryEntry[] = await caseHistory(this.deps.ledger, access.caseNo);
    return { caseNo: access.caseNo, ...this.notice(showing), entries: this.mask(entries, access, showing) };
  }

  async state(
    request: ParsedRequestOf<typeof audit.state>,
    { headers, subject }: Message,
  ): Promise<CaseStateReply> {
    const { access, showing } = await this.openCase(request.caseNo, actorOf(headers, subject));
    return this.stateOf(access, showing, request.asOf);
  }

  private async stateOf(
    access: CaseAccess,
    showing: Showing,
    asOf?: { position: bigint } | { instant: string },
  ): Promise<CaseStateReply> {
    const at = asOf ?? { position: (await this.deps.ledger.head()).position ?? 0n };
    const state = await caseStateAsOf(this.deps.ledger, access.caseNo, at);
    return { ...this.mask(state, access, showing), ...this.notice(showing) };
  }

  /**
   * 审计文件: the case as the ledger holds it, with inclusion proofs against the newest signed checkpoint
   * when there is one. A masked export no longer reproduces the chain hashes from its fields: it says so
   * (`personalData: 'masked'`, `proofCheck.checkContent: false`), and its proofs then show only that each
   * event's hash is in the signed tree.
   */
  async export(
    request: ParsedRequestOf<typeof audit.export>,
    { headers, subject }: Message,
  ): Promise<CaseExportReply> {
    const { access, showing } = await this.openCase(request.caseNo, actorOf(headers, subject));
    const vault = this.deps.personalData;
    const exported: CaseExport<CaseExportProofs> = (await exportCase(this.deps.ledger, access.caseNo, {
      now: () => new Date(this.deps.clock.epochMs()),
      // Shown in full: each sealed value's own key, so the file proves what it shows (none when masked).
      ...(showing.full && vault !== undefined ? { valueKeys: (e) => valueKeysOf(vault, e) } : {}),
    })) as CaseExport<CaseExportProofs>;
    const checkpoint = latestCheckpoint(this.deps.checkpointDir);
    if (checkpoint !== undefined)
      exported.proofs = await caseExportProofs(this.deps.ledger, exported.events, checkpoint);
    const notice = this.notice(showing);
    const file = {
      ...this.mask(exported, access, showing),
      ...notice,
      proofCheck: {
        checkContent: notice.personalData === 'full',
        note:
          notice.personalData === 'full'
            ? 'every event re-hashes from its fields (checkCaseExport) and its proof leads to the signed root'
            : 'personal data is masked: the fields no longer give the hashes; verify the proofs with checkContent: false',
      },
    };
    if (request.format === 'html') return { format: 'html', html: renderCaseTimelineHtml(file), ...notice };
    return { format: 'json', export: file, ...notice };
  }

  async verify(
    request: ParsedRequestOf<typeof audit.verify>,
    { headers, subject }: Message,
  ): Promise<VerifyLedgerReply> {
    authorise(actorOf(headers, subject), auditLedgerRule, { department: rootOf(this.tree) }, this.tree);
    const result = await this.deps.ledger.verify({
      ...(request.from === undefined ? {} : { from: request.from }),
      ...(request.to === undefined ? {} : { to: request.to }),
    });
    return result.ok ? { ...result, headPosition: result.headPosition ?? null } : result;
  }

  async checkpoints(
    _request: ParsedRequestOf<typeof audit.checkpoints>,
    { headers, subject }: Message,
  ): Promise<CheckpointListReply> {
    authorise(actorOf(headers, subject), auditLedgerRule, { department: rootOf(this.tree) }, this.tree);
    const keys = [...loadTrustedKeys(this.deps.keyDir)].map(([keyId, key]) => ({
      keyId,
      publicKeyPem: key.export({ type: 'spki', format: 'pem' }) as string,
    }));
    return { checkpoints: readCheckpoints(this.deps.checkpointDir), keys };
  }

  /** Signs the ledger's head now (an administrator, or the system): once the signer has seen it. */
  async signCheckpoint(
    request: ParsedRequestOf<typeof audit.signCheckpoint>,
    { headers, subject }: Message,
  ): Promise<SignCheckpointReply> {
    authoriseCommand(
      actorOf(headers, subject),
      'SignCheckpoint',
      { department: rootOf(this.tree) },
      this.tree,
    );
    const head = Number((await this.deps.ledger.head()).position ?? 0n);
    const deadline = Date.now() + 10_000;
    while (this.signer.size < head) {
      if (Date.now() > deadline) throw new Error(`the signer has not reached the ledger's head ${head}`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    const signed = await this.signer.signNow({ force: request.force === true });
    if (signed) return { signed: true, checkpoint: signed.checkpoint };
    const latest = latestCheckpoint(this.deps.checkpointDir);
    if (latest === undefined) throw new Error('no checkpoint was signed and none is stored');
    return { signed: false, checkpoint: latest };
  }

  /**
   * 个人信息披露: an auditor has the case's personal data shown in full, giving a reason. The disclosure is
   * recorded first (`PersonalDataDisclosed` in `disclosure-<caseNo>`, correlated to the case, so it is in
   * the case's history), then the history and the current state are answered with those fields unmasked.
   */
  async disclose(
    request: ParsedRequestOf<typeof audit.disclose>,
    { headers, subject }: Message,
  ): Promise<DisclosureReply> {
    const actor = actorOf(headers, subject);
    const access = await caseAccess(this.deps.ledger, request.caseNo, this.tree);
    authorise(actor, disclosureRule, access.scope, this.tree);
    const fields = request.fields ?? [...PERSONAL_DATA_FIELDS];
    const stream = disclosureStreamName(request.caseNo);
    const handled = await this.disclosures.run(
      stream,
      'DisclosePersonalData',
      { caseNo: request.caseNo, reason: request.reason, fields },
      { subject, headers, actor, caseNo: request.caseNo },
    );
    const position = handled.position!;
    // A retry is answered from the first disclosure: its event, read at the position it landed.
    const [event] = handled.replayed
      ? await this.deps.ledger.readAll({ after: position - 1n, upTo: position })
      : handled.events;
    const showing: Showing = { full: false, shown: new Set(fields), disclosed: fields };
    const after = await caseAccess(this.deps.ledger, request.caseNo, this.tree);
    return {
      ...(await this.historyOf(after, showing)),
      disclosure: { stream, eventId: event?.id ?? '', position, replayed: handled.replayed },
      state: await this.stateOf(after, showing, { position }),
    };
  }
}
