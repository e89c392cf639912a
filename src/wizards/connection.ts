// The Add/Edit Connection wizard: address, name, authentication, credentials, TLS. Answers given in an
// argument object are not asked again (and not counted). Plain http:// to another machine is named, with
// the advice to use HTTPS through a reverse proxy and an AccessKey.
import * as vscode from 'vscode';
import { isPlainHttp, validateUrl, type AuthType, type ConnectionConfig } from '../connections/config';
import { BACK, type Prompter } from './prompter';
import { runWizard, type WizardStep } from './steps';

/** The connection's fields (any may be given already), plus its secret, which goes to SecretStorage only. */
export type ConnectionAnswers = Partial<Omit<ConnectionConfig, 'id'>> & {
  /** Password (basic authentication). */
  password?: string;
  /** AccessKey secret. */
  secret?: string;
};

export interface ConnectionResult {
  config: Omit<ConnectionConfig, 'id'>;
  /** undefined when the secret comes from an environment variable or is kept as it was. */
  secret?: string;
}

export async function connectionWizard(p: Prompter, given: ConnectionAnswers, existing?: ConnectionConfig, askSecret = true): Promise<ConnectionResult> {
  const a: ConnectionAnswers = { ...existing, ...given };
  const fixed = new Set(Object.keys(given).filter((k) => (given as Record<string, unknown>)[k] !== undefined));
  const title = existing ? vscode.l10n.t('Edit OCP Connection') : vscode.l10n.t('Add OCP Connection');
  const envKey = () => (a.authType === 'accessKey' ? 'secretKeyEnv' : 'passwordEnv');
  const steps: WizardStep<ConnectionAnswers>[] = [
    {
      shows: () => !fixed.has('url'),
      async ask(v) {
        const url = await p.input({ ...v, prompt: vscode.l10n.t('The OCP address (OCP listens on port 8080 by default)'), placeholder: 'http://ocp.example.com:8080', value: a.url, validate: (x) => validateUrl(x) });
        if (url === BACK) return BACK;
        a.url = url.trim().replace(/\/+$/, '');
        if (isPlainHttp(a.url)) {
          const ok = await p.confirm({
            message: vscode.l10n.t('{0} is plain HTTP to another machine.', a.url),
            detail: vscode.l10n.t('The password (or every signed request) crosses the network unencrypted and can be read or replayed. Prefer HTTPS, e.g. through a reverse proxy in front of OCP, and an AccessKey instead of a password.'),
            confirmLabel: vscode.l10n.t('Use HTTP Anyway'),
          });
          if (!ok) return BACK;
        }
      },
    },
    {
      shows: () => !fixed.has('name'),
      async ask(v) {
        const name = await p.input({ ...v, prompt: vscode.l10n.t('A name for this connection'), value: a.name ?? safeHost(a.url), validate: (x) => (x.trim() ? undefined : vscode.l10n.t('Enter a name.')) });
        if (name === BACK) return BACK;
        a.name = name.trim();
      },
    },
    {
      shows: () => !fixed.has('authType'),
      async ask(v) {
        const auth = await p.pick<AuthType>({ ...v, placeholder: vscode.l10n.t('How to authenticate'), items: [
          { label: vscode.l10n.t('Username and password'), description: 'HTTP Basic', value: 'basic' },
          { label: vscode.l10n.t('AccessKey'), description: 'OCP-ACCESS-KEY-HMACSHA1', detail: vscode.l10n.t('Created under Personal Settings → AccessKey in OCP 4.x'), value: 'accessKey' },
        ] });
        if (auth === BACK) return BACK;
        a.authType = auth;
      },
    },
    {
      shows: () => !fixed.has(a.authType === 'accessKey' ? 'accessKeyId' : 'username'),
      async ask(v) {
        const key = a.authType === 'accessKey' ? 'accessKeyId' : 'username';
        const who = await p.input({ ...v,
          prompt: a.authType === 'accessKey' ? vscode.l10n.t('AccessKey ID') : vscode.l10n.t('OCP user name'),
          value: a[key] ?? (a.authType === 'basic' ? 'admin' : ''), validate: (x) => (x.trim() ? undefined : vscode.l10n.t('This cannot be empty.')) });
        if (who === BACK) return BACK;
        a[key] = who.trim();
      },
    },
    {
      shows: () => askSecret && !fixed.has(a.authType === 'accessKey' ? 'secret' : 'password') && !fixed.has(envKey()),
      async ask(v) {
        const secretKey = a.authType === 'accessKey' ? 'secret' : 'password';
        const secret = await p.input({ ...v, password: true,
          prompt: a.authType === 'accessKey' ? vscode.l10n.t('AccessKey secret (kept in VS Code\'s secret storage)') : vscode.l10n.t('Password (kept in VS Code\'s secret storage)'),
          placeholder: existing ? vscode.l10n.t('Leave empty to keep the stored one') : undefined,
          validate: (x) => (x || existing ? undefined : vscode.l10n.t('This cannot be empty.')) });
        if (secret === BACK) return BACK;
        a[secretKey] = secret || undefined;
      },
    },
    {
      // Only for https://; its number counts once the address is known.
      shows: () => (a.url === undefined || a.url.startsWith('https:')) && !fixed.has('caFile') && !fixed.has('allowSelfSigned'),
      async ask(v) {
        type Tls = 'system' | 'ca' | 'selfSigned';
        const tls = await p.pick<Tls>({ ...v, placeholder: vscode.l10n.t('Which certificates to trust for {0}', a.url ?? ''), items: [
          { label: vscode.l10n.t('Trusted certificate authorities'), description: vscode.l10n.t('recommended'), value: 'system' },
          { label: vscode.l10n.t('A CA file (PEM)…'), value: 'ca' },
          { label: vscode.l10n.t('Allow self-signed certificates'), detail: vscode.l10n.t('Anyone on the network path could read your password. Only for a server you trust.'), value: 'selfSigned' },
        ] });
        if (tls === BACK) return BACK;
        a.caFile = undefined;
        a.allowSelfSigned = undefined;
        if (tls === 'ca') {
          const f = await p.input({ ...v, prompt: vscode.l10n.t('Path of the CA file (PEM)'), value: a.caFile, validate: (x) => (x.trim() ? undefined : vscode.l10n.t('Enter a path.')) });
          if (f === BACK) return BACK;
          a.caFile = f.trim();
        } else if (tls === 'selfSigned') {
          const ok = await p.confirm({ message: vscode.l10n.t('Allow self-signed certificates for {0}?', a.url ?? ''), detail: vscode.l10n.t('The certificate will not be checked: anyone on the network path could pose as this OCP and read the credentials.'), confirmLabel: vscode.l10n.t('Allow') });
          if (!ok) return BACK;
          a.allowSelfSigned = true;
        }
      },
    },
  ];
  await runWizard(title, steps, a);
  const config: Omit<ConnectionConfig, 'id'> = {
    name: a.name!, url: a.url!, authType: a.authType!,
    username: a.authType === 'basic' ? a.username : undefined,
    accessKeyId: a.authType === 'accessKey' ? a.accessKeyId : undefined,
    passwordEnv: a.authType === 'basic' ? a.passwordEnv : undefined,
    secretKeyEnv: a.authType === 'accessKey' ? a.secretKeyEnv : undefined,
    caFile: a.caFile, allowSelfSigned: a.allowSelfSigned, proxy: a.proxy, consoleUrl: a.consoleUrl,
  };
  return { config, secret: a.authType === 'accessKey' ? a.secret : a.password };
}

function safeHost(url: string | undefined): string | undefined {
  try {
    return url ? new URL(url).hostname : undefined;
  } catch {
    return undefined;
  }
}
