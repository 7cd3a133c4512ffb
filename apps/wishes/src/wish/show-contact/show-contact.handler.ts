import { Injectable } from '@nestjs/common';
import { authorize } from '@ws/kernel';
import type { Principal } from '@ws/kernel';
import { ContactVault } from '../vault/contact-vault';
import { WishCommands } from '../wish-commands';
import { wishesError } from '../../errors';

/** The author's contact for an officer of the wish's station, street or district; every reading logged. */
@Injectable()
export class ShowContactHandler {
  constructor(
    private readonly wishes: WishCommands,
    private readonly vault: ContactVault,
  ) {}

  async contact(wishId: string, principal: Principal) {
    const { state } = await this.wishes.load(wishId);
    if (state.status === 'none') throw wishesError('wish_not_found', '没有这条心愿');
    authorize(principal, { station: state.stationId, street: state.streetCode });
    if (!state.contactRef) throw wishesError('contact_erased', '作者没有留下联系方式，或已删除');
    const contact = await this.vault.open(state.contactRef, { actor: principal.subject, wishId, purpose: 'answer_author' });
    return { wishId, contact };
  }
}
