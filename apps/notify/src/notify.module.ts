import { DynamicModule, Module } from '@nestjs/common';
import { CommandRunner, PlatformModule, PlatformOptions } from '@ws/platform';
import { BindingVault } from './bindings/binding-vault';
import { AliyunReportController } from './channels/aliyun-report.controller';
import { Gateways } from './channels/gateways';
import { CodeResponder } from './codes/code-responder';
import { notifyMigrations } from './db/migrations';
import { Addresses } from './delivery/addresses';
import { DeliveryWorker } from './delivery/delivery-worker';
import { DevBox } from './devbox/dev-box';
import { DevBoxController } from './devbox/dev-box.controller';
import { DeliveriesController } from './inbox/deliveries.controller';
import { OfficerInboxController } from './inbox/officer-inbox.controller';
import { Proofs } from './inbox/proofs';
import { PushKeyController, WorkerInboxController } from './inbox/worker-inbox.controller';
import { DispatchIntake } from './intake/dispatch.intake';
import { IntakeDeps } from './intake/intake-deps';
import { JobsIntake } from './intake/jobs.intake';
import { MembershipIntake } from './intake/membership.intake';
import { DirectivesIntake, ReceiptsIntake, StationsIntake } from './intake/stations.intake';
import { WishesIntake } from './intake/wishes.intake';
import { ShortLinksController } from './links/short-links.controller';
import { MessageComposer } from './message/composer';
import { MessageCommands } from './message/message-commands';
import { NOTIFY_CONFIG, notifyConfig } from './notify.config';
import type { NotifyConfig } from './notify.config';
import { NOTIFY_ERRORS } from './notify.errors';
import { MessagesProjection } from './read-models/messages.projection';
import { DailyDigest } from './scheduler/digest';
import { NotifyScheduler } from './scheduler/notify-scheduler';
import { Reminders } from './scheduler/reminders';

export const NOTIFY_SERVICE = 'notify';

export interface NotifyModuleOptions extends Partial<Pick<PlatformOptions, 'config' | 'clock'>> {
  notify?: Partial<NotifyConfig>;
}

/**
 * The notification service (消息触达): reacts to the node's events, composes one message per
 * event × recipient × kind, keeps it in the recipient's inbox and delivers it by SMS, WeChat and
 * Web Push through adapters (or the development message box); sends verification codes.
 */
@Module({})
export class NotifyModule {
  static forRoot(options: NotifyModuleOptions = {}): DynamicModule {
    const { notify, ...platform } = options;
    return {
      module: NotifyModule,
      imports: [PlatformModule.forService({ service: NOTIFY_SERVICE, migrations: notifyMigrations, errors: NOTIFY_ERRORS, ...platform })],
      controllers: [
        WorkerInboxController,
        PushKeyController,
        OfficerInboxController,
        DeliveriesController,
        ShortLinksController,
        AliyunReportController,
        DevBoxController,
      ],
      providers: [
        { provide: NOTIFY_CONFIG, useValue: { ...notifyConfig(), ...notify } },
        CommandRunner,
        MessageCommands,
        MessageComposer,
        Reminders,
        DailyDigest,
        IntakeDeps,
        DevBox,
        Gateways,
        BindingVault,
        Addresses,
        Proofs,
        DeliveryWorker,
        NotifyScheduler,
        CodeResponder,
        WishesIntake,
        DispatchIntake,
        MembershipIntake,
        StationsIntake,
        DirectivesIntake,
        ReceiptsIntake,
        JobsIntake,
        MessagesProjection,
      ],
    };
  }
}
