import type { CheckpointSigner } from '@docket/audit';
import { DocketBusModule } from '@docket/nest-bus';
import { type DynamicModule, Module } from '@nestjs/common';
import type { AuditDeps } from './audit-deps';
import { AuditQueries } from './audit-queries';
import { PersonalDataErasures } from './personal-data-erasures';
import { AUDIT, SIGNER } from './tokens';

/** 审计 as one NestJS module: the audit views of the ledger and the checkpoint signer's surface. */
@Module({})
// biome-ignore lint/complexity/noStaticOnlyClass: a Nest dynamic module is a class with a static forRoot
export class AuditModule {
  static forRoot(deps: AuditDeps, signer: CheckpointSigner): DynamicModule {
    return {
      module: AuditModule,
      imports: [DocketBusModule.forRoot({ bus: deps.bus, service: 'audit' })],
      controllers: [],
      providers: [
        { provide: AUDIT, useValue: deps },
        { provide: SIGNER, useValue: signer },
        AuditQueries,
        PersonalDataErasures,
      ],
    };
  }
}
