import { Injectable } from '@nestjs/common';
import { DomainError, newId, type Principal } from '@ws/kernel';
import { WelfareCardVault } from '../welfare-card-vault';
import { WelfareCommands } from '../welfare-commands';
import { memberCardsOf } from '../welfare.rules';
import { type HandOutDto, toHandOut } from './hand-out.dto';

/** A handout: the member cards shown are checked and sealed into the vault in the append's transaction; only their count goes into the command. */
@Injectable()
export class HandOutHandler {
  constructor(
    private readonly welfare: WelfareCommands,
    private readonly vault: WelfareCardVault,
  ) {}

  async handOut(dto: HandOutDto, principal: Principal) {
    const cards = memberCardsOf(dto.memberCards ?? []);
    if (cards instanceof DomainError) throw cards;
    const handoutId = newId();
    const sealCards = cards.length > 0 ? (trx: Parameters<WelfareCardVault['store']>[0]) => this.vault.store(trx, handoutId, cards) : undefined;
    return { handoutId, ...(await this.welfare.run(toHandOut(handoutId, dto, cards.length), principal, sealCards)) };
  }
}
