// tsyringe (under @peculiar/x509) needs the metadata polyfill before the library loads.
import 'reflect-metadata';
import { webcrypto } from 'node:crypto';
import type { webcrypto as WebCrypto } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as x509 from '@peculiar/x509';
import type { LeafTlsFiles } from '@ws/messaging';

/**
 * The leafnode TLS of a federation: one CA per federation, one certificate per node signed by it
 * (ECDSA P-256, made with @peculiar/x509 on Node's WebCrypto), kept under `<dir>/tls/`:
 *   ca.pem, ca-key.pem           the CA (its key signs the certificates of nodes added later)
 *   <code>/cert.pem, key.pem     what the node's nats-server presents, as a parent and as a child
 * Keys are written mode 0600 and never committed (.run/ and deploy/tls/ are ignored by git).
 */
const ALGORITHM = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' } as const;
const DAY_MS = 24 * 60 * 60 * 1000;
const CA_DAYS = 3650;
const NODE_DAYS = 825;
/** A node's certificate this close to its end is made anew at the next start (npm start) or deploy:config. */
export const RENEW_BEFORE_DAYS = 30;

x509.cryptoProvider.set(webcrypto as unknown as Parameters<typeof x509.cryptoProvider.set>[0]);

export function leafTlsFilesOf(dir: string, code: string): LeafTlsFiles {
  return { caFile: join(dir, 'tls', 'ca.pem'), certFile: join(dir, 'tls', code, 'cert.pem'), keyFile: join(dir, 'tls', code, 'key.pem') };
}

/**
 * The names a node's certificate is valid for: this machine (npm start's servers listen on
 * 127.0.0.1) and the node's nats host in a deployment (nats-<code>, deploy-config.ts). A child
 * checks its parent's certificate against the host of its leafnode URL.
 */
export function nodeCertificateHosts(code: string): string[] {
  return ['127.0.0.1', 'localhost', `nats-${code}`];
}

interface CertificateAuthority {
  certificate: x509.X509Certificate;
  privateKey: WebCrypto.CryptoKey;
}

/**
 * Makes what is missing or running out: the CA (then every node's certificate anew, the old ones
 * being of another CA), and the certificate of each node in `codes` that has none, is not the
 * CA's, or ends within RENEW_BEFORE_DAYS of `now` (rotation: a nats-server reads it when it
 * starts, so npm start's next start or a deployment's restart of the container takes it; the
 * CA, valid ten years, is not rotated). Returns each node's files.
 */
export async function ensureFederationTls(dir: string, codes: string[], now: Date = new Date()): Promise<Map<string, LeafTlsFiles>> {
  const tlsDir = join(dir, 'tls');
  mkdirSync(tlsDir, { recursive: true, mode: 0o700 });
  const caKeyFile = join(tlsDir, 'ca-key.pem');
  const caFile = join(tlsDir, 'ca.pem');
  const existing = existsSync(caFile) && existsSync(caKeyFile);
  const ca = existing ? await readAuthority(caFile, caKeyFile) : await createAuthority(caFile, caKeyFile);
  const files = new Map<string, LeafTlsFiles>();
  for (const code of codes) {
    const node = leafTlsFilesOf(dir, code);
    if (!existing || !(await stillGood(ca, node, now))) await createNodeCertificate(ca, code, node);
    files.set(code, node);
  }
  return files;
}

/**
 * A certificate for `code` signed by a CA of its own, not the federation's, while trusting the
 * federation's CA (`trustedCaFile`): what a stranger who knows the federation presents.
 */
export async function strangerTls(dir: string, code: string, trustedCaFile: string): Promise<LeafTlsFiles> {
  const files = leafTlsFilesOf(dir, code);
  mkdirSync(join(dir, 'tls'), { recursive: true, mode: 0o700 });
  const ca = await createAuthority(files.caFile, join(dir, 'tls', 'ca-key.pem'));
  await createNodeCertificate(ca, code, files);
  return { ...files, caFile: trustedCaFile };
}

/** The node's certificate and key are there, signed by the CA, and valid beyond the renewal window. */
async function stillGood(ca: CertificateAuthority, files: LeafTlsFiles, now: Date): Promise<boolean> {
  if (!existsSync(files.certFile) || !existsSync(files.keyFile)) return false;
  const certificate = new x509.X509Certificate(readFileSync(files.certFile, 'utf8'));
  if (certificate.notAfter.getTime() - now.getTime() < RENEW_BEFORE_DAYS * DAY_MS) return false;
  return certificate.verify({ publicKey: ca.certificate.publicKey, signatureOnly: true });
}

async function createAuthority(certFile: string, keyFile: string): Promise<CertificateAuthority> {
  const keys = (await webcrypto.subtle.generateKey(ALGORITHM, true, ['sign', 'verify'])) as WebCrypto.CryptoKeyPair;
  const now = Date.now();
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
  writeFileSync(certFile, certificate.toString('pem') + '\n');
  return { certificate, privateKey: keys.privateKey };
}

async function readAuthority(certFile: string, keyFile: string): Promise<CertificateAuthority> {
  const certificate = new x509.X509Certificate(readFileSync(certFile, 'utf8'));
  const der = x509.PemConverter.decodeFirst(readFileSync(keyFile, 'utf8'));
  const privateKey = await webcrypto.subtle.importKey('pkcs8', der, ALGORITHM, false, ['sign']);
  return { certificate, privateKey };
}

async function createNodeCertificate(ca: CertificateAuthority, code: string, files: LeafTlsFiles): Promise<void> {
  const keys = (await webcrypto.subtle.generateKey(ALGORITHM, true, ['sign', 'verify'])) as WebCrypto.CryptoKeyPair;
  const now = Date.now();
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
