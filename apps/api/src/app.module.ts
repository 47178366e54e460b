import { Module, RequestMethod, type DynamicModule } from '@nestjs/common';
import { trace } from '@opentelemetry/api';
import { getDataSourceToken } from '@nestjs/typeorm';
import { ClsPluginTransactional } from '@nestjs-cls/transactional';
import { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { ClsModule } from 'nestjs-cls';
import { LoggerModule } from 'nestjs-pino';
import { AuditModule } from './audit/audit.module';
import { AuthModule } from './auth/auth.module';
import { AwardsModule } from './awards/awards.module';
import { BranchesModule } from './branches/branches.module';
import { Clock } from './common/clock';
import { ComplianceModule } from './compliance/compliance.module';
import { jobLogFields, RequestContext } from './common/request-context';
import { requestIdFor } from './common/request-id';
import { AppConfig } from './config/app-config';
import { ConfigModule } from './config/config.module';
import { CredentialsModule } from './credentials/credentials.module';
import { CoursesModule } from './courses/courses.module';
import { EvidenceModule } from './evidence/evidence.module';
import { TrainingSessionsModule } from './training-sessions/training-sessions.module';
import { TrainingAssignmentsModule } from './training-assignments/training-assignments.module';
import { DatabaseModule } from './database/database.module';
import { ExportsModule } from './exports/exports.module';
import { HealthModule } from './health/health.module';
import { HrImportModule } from './hr-import/hr-import.module';
import { JobRolesModule } from './job-roles/job-roles.module';
import { JobsModule } from './jobs/jobs.module';
import { MailModule } from './mail/mail.module';
import { MetricsModule } from './metrics/metrics.module';
import { AwardCredentialSource } from './awards/award-credential.source';
import { OpenBadgesModule } from './open-badges/open-badges.module';
import { OrganisationModule } from './organisation/organisation.module';
import { PROCESS_ROLE, type ProcessRole } from './process-role';
import { RegionsModule } from './regions/regions.module';
import { RemindersModule } from './reminders/reminders.module';
import { ScimModule } from './scim/scim.module';
import { SeedModule } from './seed/seed.module';
import { SelfServiceModule } from './self-service/self-service.module';
import { SharedStateModule } from './shared-state/shared-state.module';
import { DemoIdpModule } from './sso/demo-idp/demo-idp.module';
import { SsoModule } from './sso/sso.module';
import { StaffModule } from './staff/staff.module';
import { WebhooksModule } from './webhooks/webhooks.module';
import { ReportSubscriptionsModule } from './report-subscriptions/report-subscriptions.module';

/**
 * The one module tree behind both entry points: `main.ts` serves HTTP, `worker.ts` runs jobs. Feature
 * modules are identical in both; only the role differs.
 */
@Module({})
export class AppModule {
  static register(config: AppConfig, role: ProcessRole): DynamicModule {
    return {
      module: AppModule,
      global: true,
      imports: [
        ConfigModule.forRoot(config),
        LoggerModule.forRoot({
          // Express 5 path syntax; the default ('*') makes Nest warn about a legacy route at every start.
          forRoutes: [{ path: '{*splat}', method: RequestMethod.ALL }],
          pinoHttp: {
            level: config.log.level,
            transport: config.log.pretty
              ? { target: 'pino-pretty', options: { singleLine: true } }
              : undefined,
            // A valid incoming X-Request-Id is kept (a proxy's ID ties its logs to ours); others are replaced.
            genReqId: (req, res) => {
              const id = requestIdFor(req.headers['x-request-id']);
              res.setHeader('x-request-id', id);
              return id;
            },
            autoLogging: { ignore: (req) => /^\/api\/(health|ready)$/.test(req.url ?? '') },
            redact: ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]'],
            // `requestId` on every line of a request, as on every line of the jobs it enqueued (jobLogFields).
            customProps: (req) => ({ requestId: req.id }),
            // Every line names the process role; a job's lines name the job and its request. With tracing on,
            // each line also names its trace and span, so logs and traces find each other.
            mixin: () => {
              const span = trace.getActiveSpan()?.spanContext();
              const fields = { role, ...jobLogFields() };
              return span ? { ...fields, trace_id: span.traceId, span_id: span.spanId } : fields;
            },
          },
        }),
        DatabaseModule,
        ClsModule.forRoot({
          global: true,
          // Mounted by configureApp (nestjs-cls mis-detects Express 5 and would register a legacy route).
          middleware: { mount: false },
          plugins: [
            new ClsPluginTransactional({
              imports: [DatabaseModule],
              adapter: new TransactionalAdapterTypeOrm({ dataSourceToken: getDataSourceToken() }),
            }),
          ],
        }),
        JobsModule,
        MetricsModule,
        SharedStateModule,
        AuditModule,
        AuthModule,
        HealthModule,
        RegionsModule,
        BranchesModule,
        OrganisationModule,
        JobRolesModule,
        StaffModule,
        ScimModule,
        HrImportModule,
        CredentialsModule,
        AwardsModule,
        ComplianceModule,
        ExportsModule,
        OpenBadgesModule.withSources({
          imports: [AwardsModule],
          revokedIndexSource: AwardCredentialSource,
          publicCredentialSource: AwardCredentialSource,
        }),
        SsoModule,
        DemoIdpModule.register(config),
        SelfServiceModule,
        EvidenceModule,
        CoursesModule,
        TrainingSessionsModule,
        TrainingAssignmentsModule,
        MailModule,
        RemindersModule,
        WebhooksModule,
        ReportSubscriptionsModule,
        SeedModule,
      ],
      providers: [{ provide: PROCESS_ROLE, useValue: role }, Clock, RequestContext],
      exports: [PROCESS_ROLE, Clock, RequestContext],
    };
  }
}
