// The Add/Edit Connection wizard: name, address, authentication, credentials, TLS and proxy.
// Answers given in an argument object are not asked again.
import * as vscode from 'vscode';
import { validateUrl, type AuthType, type ConnectionConfig } from '../connections/config';
import { BACK, SKIP, runSteps, type Prompter } from './prompter';

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

const TOTAL = 5;

export async function connectionWizard(p: Prompter, given: ConnectionAnswers, existing?: ConnectionConfig, askSecret = true): Promise<ConnectionResult> {
  const a: ConnectionAnswers = { ...existing, ...given };
  const fixed = new Set(Object.keys(given).filter((k) => (given as Record<string, unknown>)[k] !== undefined));
  const title = existing ? vscode.l10n.t('Edit OCP Connection') : vscode.l10n.t('Add OCP Connection');
  const envKey = () => (a.authType === 'accessKey' ? 'secretKeyEnv' : 'passwordEnv');
  await runSteps([
    async () => {
      if (fixed.has('url')) return SKIP;
      const v = await p.input({ title, step: 1, totalSteps: TOTAL, prompt: vscode.l10n.t('The OCP address (OCP listens on port 8080 by default)'), placeholder: 'http://ocp.example.com:8080', value: a.url, validate: (s) => validateUrl(s) });
      if (v === BACK) return BACK;
      a.url = v.trim().replace(/\/+$/, '');
    },
    async () => {
      if (fixed.has('name')) return SKIP;
      const suggestion = a.name ?? safeHost(a.url);
      const v = await p.input({ title, step: 2, totalSteps: TOTAL, prompt: vscode.l10n.t('A name for this connection'), value: suggestion, validate: (s) => (s.trim() ? undefined : vscode.l10n.t('Enter a name.')) });
      if (v === BACK) return BACK;
      a.name = v.trim();
    },
    async () => {
      if (fixed.has('authType')) return SKIP;
      const v = await p.pick<AuthType>({ title, step: 3, totalSteps: TOTAL, placeholder: vscode.l10n.t('How to authenticate'), items: [
        { label: vscode.l10n.t('Username and password'), description: 'HTTP Basic', value: 'basic' },
        { label: vscode.l10n.t('AccessKey'), description: 'OCP-ACCESS-KEY-HMACSHA1', detail: vscode.l10n.t('Created under Personal Settings → AccessKey in OCP 4.x'), value: 'accessKey' },
      ] });
      if (v === BACK) return BACK;
      a.authType = v;
    },
    async () => {
      const key = a.authType === 'accessKey' ? 'accessKeyId' : 'username';
      if (fixed.has(key)) return SKIP;
      const v = await p.input({ title, step: 4, totalSteps: TOTAL,
        prompt: a.authType === 'accessKey' ? vscode.l10n.t('AccessKey ID') : vscode.l10n.t('OCP user name'),
        value: a[key] ?? (a.authType === 'basic' ? 'admin' : ''), validate: (s) => (s.trim() ? undefined : vscode.l10n.t('This cannot be empty.')) });
      if (v === BACK) return BACK;
      a[key] = v.trim();
    },
    async () => {
      const secretKey = a.authType === 'accessKey' ? 'secret' : 'password';
      if (!askSecret || fixed.has(secretKey) || fixed.has(envKey())) return SKIP;
      const v = await p.input({ title, step: 5, totalSteps: TOTAL, password: true,
        prompt: a.authType === 'accessKey' ? vscode.l10n.t('AccessKey secret (kept in VS Code\'s secret storage)') : vscode.l10n.t('Password (kept in VS Code\'s secret storage)'),
        placeholder: existing ? vscode.l10n.t('Leave empty to keep the stored one') : undefined,
        validate: (s) => (s || existing ? undefined : vscode.l10n.t('This cannot be empty.')) });
      if (v === BACK) return BACK;
      a[secretKey] = v || undefined;
    },
    async () => {
      if (!a.url?.startsWith('https:') || fixed.has('caFile') || fixed.has('allowSelfSigned')) return SKIP;
      type Tls = 'system' | 'ca' | 'selfSigned';
      const v = await p.pick<Tls>({ title, placeholder: vscode.l10n.t('Which certificates to trust for {0}', a.url), items: [
        { label: vscode.l10n.t('Trusted certificate authorities'), description: vscode.l10n.t('recommended'), value: 'system' },
        { label: vscode.l10n.t('A CA file (PEM)…'), value: 'ca' },
        { label: vscode.l10n.t('Allow self-signed certificates'), detail: vscode.l10n.t('Anyone on the network path could read your password. Only for a server you trust.'), value: 'selfSigned' },
      ] });
      if (v === BACK) return BACK;
      a.caFile = undefined;
      a.allowSelfSigned = undefined;
      if (v === 'ca') {
        const f = await p.input({ title, prompt: vscode.l10n.t('Path of the CA file (PEM)'), value: a.caFile, validate: (s) => (s.trim() ? undefined : vscode.l10n.t('Enter a path.')) });
        if (f === BACK) return BACK;
        a.caFile = f.trim();
      } else if (v === 'selfSigned') {
        const ok = await p.confirm({ message: vscode.l10n.t('Allow self-signed certificates for {0}?', a.url ?? ''), detail: vscode.l10n.t('The certificate will not be checked: anyone on the network path could pose as this OCP and read the credentials.'), confirmLabel: vscode.l10n.t('Allow') });
        if (!ok) return BACK;
        a.allowSelfSigned = true;
      }
    },
  ]);
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
