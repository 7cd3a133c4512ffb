import { DynamicModule, Module } from '@nestjs/common';
import { CommandRunner, PlatformModule, PlatformOptions } from '@ws/platform';
import { BindingVault } from './bindings/binding-vault';
import { ChannelChoices } from './bindings/choose-channels/channel-choices';
import { ChooseChannelsController } from './bindings/choose-channels/choose-channels.controller';
import { ChooseChannelsHandler } from './bindings/choose-channels/choose-channels.handler';
import { AliyunReportController } from './channels/aliyun-report.controller';
import { Gateways } from './channels/gateways';
import { PushKeyController } from './channels/push-key.controller';
import { CodeResponder } from './codes/code-responder';
import { notifyMigrations } from './db/migrations';
import { Addresses } from './delivery/addresses';
import { DeliveryWorker } from './delivery/delivery-worker';
import { DevBox } from './devbox/dev-box';
import { DevBoxController } from './devbox/dev-box.controller';
import { Proofs } from './inbox/proofs';
import { DispatchIntake } from './intake/dispatch.intake';
import { IntakeDeps } from './intake/intake-deps';
import { JobsIntake } from './intake/jobs.intake';
import { MembershipIntake } from './intake/membership.intake';
import { DirectivesIntake, ReceiptsIntake, StationsIntake } from './intake/stations.intake';
import { WishesIntake } from './intake/wishes.intake';
import { NotifyLabelsController } from './labels/labels.controller';
import { ShortLinksController } from './links/short-links.controller';
import { MessageComposer } from './message/composer';
import { MessageCommands } from './message/message-commands';
import { ReadInboxController } from './message/read-inbox/read-inbox.controller';
import { ReadInboxHandler } from './message/read-inbox/read-inbox.handler';
import { ReadOfficerInboxController } from './message/read-officer-inbox/read-officer-inbox.controller';
import { ReadOfficerInboxHandler } from './message/read-officer-inbox/read-officer-inbox.handler';
import { NOTIFY_CONFIG, notifyConfig } from './notify.config';
import type { NotifyConfig } from './notify.config';
import { NOTIFY_ERRORS } from './notify.errors';
import { DeliveriesController } from './read-models/deliveries.controller';
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
        NotifyLabelsController,
        ReadInboxController,
        ChooseChannelsController,
        PushKeyController,
        ReadOfficerInboxController,
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
        ChannelChoices,
        ReadInboxHandler,
        ChooseChannelsHandler,
        ReadOfficerInboxHandler,
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
