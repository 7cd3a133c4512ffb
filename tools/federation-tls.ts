// tsyringe (under @peculiar/x509) needs the metadata polyfill before the library loads.
import 'reflect-metadata';
import { webcrypto } from 'node:crypto';
import type { webcrypto as WebCrypto } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as x509 from '@peculiar/x509';
import type { LeafTlsFiles } from '@ws/messaging';
import { planTrust, ROTATION_PHASES, type RotationPhase, type TrustRequest } from './ca-rotation';

/**
 * The leafnode TLS of a federation: one CA per federation, one certificate per node signed by it
 * (ECDSA P-256, made with @peculiar/x509 on Node's WebCrypto), kept under `<dir>/tls/`:
 *   ca.pem                       what every node trusts (nats-server's ca_file), and what its
 *                                services and tools check their nats-server with (NATS_CA_FILE):
 *                                the signing CA first, and during a rotation the CA before it (ca-rotation.ts)
 *   ca-key.pem                   the signing CA's key (it signs the certificates of nodes added later)
 *   ca-rotation.json             the phase of a rotation under way (absent when none is)
 *   <code>/cert.pem, key.pem     what the node's nats-server presents, as a parent and as a child
 *                                on its leafnode links, and to its own clients on the client port
 * Keys are written mode 0600 and never committed (.run/ and deploy/tls/ are ignored by git).
 */
const ALGORITHM = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' } as const;
const DAY_MS = 24 * 60 * 60 * 1000;
const CA_DAYS = 3650;
const NODE_DAYS = 825;
/** A node's certificate this close to its end is made anew at the next start (npm start) or deploy:config. */
export const RENEW_BEFORE_DAYS = 30;

x509.cryptoProvider.set(webcrypto as unknown as Parameters<typeof x509.cryptoProvider.set>[0]);

/** The federation's trust file under `dir` (npm start's .run/, a deployment's deploy/). */
export function federationCaFileOf(dir: string): string {
  return join(dir, 'tls', 'ca.pem');
}

export function leafTlsFilesOf(dir: string, code: string): LeafTlsFiles {
  return { caFile: federationCaFileOf(dir), certFile: join(dir, 'tls', code, 'cert.pem'), keyFile: join(dir, 'tls', code, 'key.pem') };
}

/**
 * The names a node's certificate is valid for: this machine (npm start's servers listen on
 * 127.0.0.1) and the node's nats host in a deployment (nats-<code>, deploy-config.ts). A child
 * checks its parent's certificate against the host of its leafnode URL, and a service its own
 * nats-server's against the host of its NATS_URL.
 */
export function nodeCertificateHosts(code: string): string[] {
  return ['127.0.0.1', 'localhost', `nats-${code}`];
}

interface CertificateAuthority {
  certificate: x509.X509Certificate;
  privateKey: WebCrypto.CryptoKey;
}

const ROTATION_FILE = 'ca-rotation.json';

/**
 * Makes what is missing or running out, and takes a step of a CA rotation (`request.step`, or by
 * itself once the CA nears its end: planTrust). The trust file then holds the signing CA, and the
 * CA before it while a rotation is under way. A node in `codes` gets a certificate anew when it has
 * none, when its own ends within RENEW_BEFORE_DAYS of `now`, or when it is not of a CA the plan
 * keeps certificates of. A nats-server reads both when it starts, so npm start's next start or a
 * deployment's restart of the container takes them. Returns each node's files.
 */
export async function ensureFederationTls(dir: string, codes: string[], now: Date = new Date(), request: TrustRequest = {}): Promise<Map<string, LeafTlsFiles>> {
  const tlsDir = join(dir, 'tls');
  mkdirSync(tlsDir, { recursive: true, mode: 0o700 });
  const caKeyFile = join(tlsDir, 'ca-key.pem');
  const caFile = federationCaFileOf(dir);
  const trusted = existsSync(caFile) && existsSync(caKeyFile) ? readCertificates(caFile) : [];
  const [current, previous] = trusted;
  const plan = planTrust(current ? { phase: caRotationPhase(dir), signerNotAfter: current.notAfter } : undefined, request, now);
  const signer = plan.newSigner || !current ? await createAuthority(caKeyFile, now) : { certificate: current, privateKey: await readKey(caKeyFile) };
  const before = plan.newSigner ? current : previous;
  const bundle = [signer.certificate, ...(plan.trust === 'signer-and-previous' && before ? [before] : [])];
  writeFileSync(caFile, bundle.map((certificate) => certificate.toString('pem') + '\n').join(''));
  if (plan.phase === 'settled') rmSync(join(tlsDir, ROTATION_FILE), { force: true });
  else writeFileSync(join(tlsDir, ROTATION_FILE), `${JSON.stringify({ phase: plan.phase })}\n`);
  const issuers = plan.certificatesOf === 'trusted' ? bundle : [signer.certificate];
  const files = new Map<string, LeafTlsFiles>();
  for (const code of codes) {
    const node = leafTlsFilesOf(dir, code);
    if (!(await stillGood(issuers, node, now))) await createNodeCertificate(signer, code, node, now);
    files.set(code, node);
  }
  return files;
}

/** The phase of the CA rotation under `<dir>/tls/`. */
export function caRotationPhase(dir: string): RotationPhase {
  const file = join(dir, 'tls', ROTATION_FILE);
  if (!existsSync(file)) return 'settled';
  const { phase } = JSON.parse(readFileSync(file, 'utf8')) as { phase: RotationPhase };
  if (!ROTATION_PHASES.includes(phase)) throw new Error(`${file}: unknown phase ${String(phase)}`);
  return phase;
}

/**
 * A certificate for `code` signed by a CA of its own, not the federation's, while trusting the
 * federation's CA (`trustedCaFile`): what a stranger who knows the federation presents.
 */
export async function strangerTls(dir: string, code: string, trustedCaFile: string): Promise<LeafTlsFiles> {
  const files = leafTlsFilesOf(dir, code);
  mkdirSync(join(dir, 'tls'), { recursive: true, mode: 0o700 });
  const ca = await createAuthority(join(dir, 'tls', 'ca-key.pem'), new Date());
  await createNodeCertificate(ca, code, files, new Date());
  return { ...files, caFile: trustedCaFile };
}

function readCertificates(file: string): x509.X509Certificate[] {
  return x509.PemConverter.decode(readFileSync(file, 'utf8')).map((der) => new x509.X509Certificate(der));
}

/** The node's certificate and key are there, signed by one of `issuers`, and valid beyond the renewal window. */
async function stillGood(issuers: x509.X509Certificate[], files: LeafTlsFiles, now: Date): Promise<boolean> {
  if (!existsSync(files.certFile) || !existsSync(files.keyFile)) return false;
  const certificate = new x509.X509Certificate(readFileSync(files.certFile, 'utf8'));
  if (certificate.notAfter.getTime() - now.getTime() < RENEW_BEFORE_DAYS * DAY_MS) return false;
  for (const issuer of issuers) if (await certificate.verify({ publicKey: issuer.publicKey, signatureOnly: true })) return true;
  return false;
}

/** A new CA, its key written to `keyFile` (its certificate goes into the trust file). */
async function createAuthority(keyFile: string, at: Date): Promise<CertificateAuthority> {
  const keys = (await webcrypto.subtle.generateKey(ALGORITHM, true, ['sign', 'verify'])) as WebCrypto.CryptoKeyPair;
  const now = at.getTime();
  const certificate = await x509.X509CertificateGenerator.createSelfSigned({
    name: 'CN=Waystation federation CA, O=Waystation',
    notBefore: new Date(now - DAY_MS),
    notAfter: new Date(now + CA_DAYS * DAY_MS),
    signingAlgorithm: ALGORITHM,
    keys,
    extensions: [
      new x509.BasicConstraintsExtension(true, 0, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
    ],
  });
  await writeKey(keyFile, keys.privateKey);
  return { certificate, privateKey: keys.privateKey };
}

async function readKey(keyFile: string): Promise<WebCrypto.CryptoKey> {
  const der = x509.PemConverter.decodeFirst(readFileSync(keyFile, 'utf8'));
  return webcrypto.subtle.importKey('pkcs8', der, ALGORITHM, false, ['sign']);
}

async function createNodeCertificate(ca: CertificateAuthority, code: string, files: LeafTlsFiles, at: Date): Promise<void> {
  const keys = (await webcrypto.subtle.generateKey(ALGORITHM, true, ['sign', 'verify'])) as WebCrypto.CryptoKeyPair;
  const now = at.getTime();
  const hosts = nodeCertificateHosts(code);
  const certificate = await x509.X509CertificateGenerator.create({
    subject: `CN=n${code}, O=Waystation`,
    issuer: ca.certificate.subject,
    notBefore: new Date(now - DAY_MS),
    notAfter: new Date(now + NODE_DAYS * DAY_MS),
    signingAlgorithm: ALGORITHM,
    publicKey: keys.publicKey,
    signingKey: ca.privateKey,
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.keyAgreement, true),
      // A node is the server of its children's links and the client of its own link to its parent.
      new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth, x509.ExtendedKeyUsage.clientAuth]),
      new x509.SubjectAlternativeNameExtension(hosts.map((host) => ({ type: /^[\d.]+$/.test(host) ? 'ip' : 'dns', value: host }))),
      await x509.AuthorityKeyIdentifierExtension.create(ca.certificate),
    ],
  });
  mkdirSync(join(files.certFile, '..'), { recursive: true, mode: 0o700 });
  await writeKey(files.keyFile, keys.privateKey);
  writeFileSync(files.certFile, certificate.toString('pem') + '\n');
}

async function writeKey(file: string, key: WebCrypto.CryptoKey): Promise<void> {
  const der = await webcrypto.subtle.exportKey('pkcs8', key);
  writeFileSync(file, `${x509.PemConverter.encode(der, 'PRIVATE KEY')}\n`, { mode: 0o600 });
}
