import { deriveKey, newDataKey, newId, seal } from '@ws/kernel';
import { WishesHarness } from '../../testing/wishes-harness';
import { ContactVault } from './contact-vault';

describe('contact vault', () => {
  let h: WishesHarness;

  beforeAll(async () => {
    h = await WishesHarness.create();
  });

  afterAll(() => h?.close());

  it('opens a contact sealed as the first release wrote it: its data key sealed under the master key beside it', async () => {
    const contactRef = newId();
    const wishId = newId();
    const dataKey = newDataKey();
    const masterKey = deriveKey(h.wishes.vaultKey, 'wishes-vault');
    await h.db.insertInto('contact_vault').values({ contact_ref: contactRef, sealed: seal(dataKey, `contact:${contactRef}`, Buffer.from('微信 wx_laowang', 'utf8')), sms_consent_at: null }).execute();
    await h.db.insertInto('contact_keys').values({ contact_ref: contactRef, wrapped_key: seal(masterKey, `contact-key:${contactRef}`, dataKey) }).execute();

    const vault = h.app.get(ContactVault);
    expect(await vault.open(contactRef, { actor: 'officer-vault-spec', wishId, purpose: 'answer_author' })).toBe('微信 wx_laowang');
    expect(await h.db.selectFrom('contact_access_log').select(['actor', 'purpose']).where('wish_id', '=', wishId).execute()).toEqual([{ actor: 'officer-vault-spec', purpose: 'answer_author' }]);
    expect(await vault.openWithConsent(contactRef)).toEqual({ contact: '微信 wx_laowang', smsConsent: false });
    await vault.erase(contactRef);
    expect(await vault.openWithConsent(contactRef)).toBeUndefined();
  });
});
