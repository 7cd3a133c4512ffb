import type { MsgHdrs } from '@nats-io/transport-node';
import { BaseRpcContext } from '@nestjs/microservices';

type JetStreamContextArgs = [subject: string, seq: number, deliveryCount: number, headers: MsgHdrs | undefined];

/** What an @EventPattern handler on the JetStream transport can ask via @Ctx(). */
export class JetStreamContext extends BaseRpcContext<JetStreamContextArgs> {
  getSubject(): string {
    return this.args[0];
  }

  /** The stream sequence of the event in the node's EVT stream. */
  getSeq(): number {
    return this.args[1];
  }

  /** 1 on the first attempt, more on each attempt after a failure (in place or redelivered). */
  getDeliveryCount(): number {
    return this.args[2];
  }

  getHeaders(): MsgHdrs | undefined {
    return this.args[3];
  }
}
