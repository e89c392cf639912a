// The Take Over Cluster wizard: address, connection mode, port, cluster name and obClusterId when the proxy
// mode needs them, root@sys password, save to credential, switch config URL, and host info for hosts that
// OCP does not manage yet (host type and credential picked from OCP). Answers given are not asked again.
import * as vscode from 'vscode';
import { takeOverBody, takeOverPreCheckBody } from '../core/model/requests';
import type { OcpClient } from '../core/ocp/client';
import type { Raw, TakeOverRequest } from '../core/ocp/types';
import * as check from './validate';
import { BACK, type Prompter } from './prompter';
import { runWizard, type WizardStep } from './steps';

export type TakeOverAnswers = Partial<TakeOverRequest> & { allHostsManaged?: boolean };

/**
 * `given` answers are not asked again (unless OCP reported an error for them); `prefill` answers are
 * asked with their value filled in (after Back from the precheck).
 */
export async function takeOverWizard(p: Prompter, client: OcpClient, given: TakeOverAnswers, serverErrors?: Map<string, string>, prefill: TakeOverAnswers = {}): Promise<TakeOverRequest> {
  const a: TakeOverAnswers = { ...prefill, ...given };
  const title = vscode.l10n.t('Take Over Cluster');
  const err = (f: string) => serverErrors?.get(f);
  const has = (k: keyof TakeOverAnswers) => given[k] !== undefined && !err(k);
  let hostTypes: Raw[] | undefined;
  let credentials: Raw[] | undefined;
  const yesNo = (yes: string, no: string) => [{ label: yes, value: true }, { label: no, value: false }];

  const steps: WizardStep<TakeOverAnswers>[] = [
    { shows: () => !has('address'), async ask(view) {
      const sent = a.address;
      const v = await p.input({ ...view, prompt: vscode.l10n.t('Address of an OBServer (direct) or of an OBProxy (proxy)'), placeholder: '10.0.0.1', value: a.address,
        validate: (s) => check.address(s) ?? (s === sent ? err('address') : undefined) });
      if (v === BACK) return BACK;
      a.address = v.trim();
    } },
    { shows: () => !has('connectionMode'), async ask(view) {
      const v = await p.pick<'direct' | 'proxy'>({ ...view, placeholder: vscode.l10n.t('How to connect to the cluster'), items: [
        { label: vscode.l10n.t('Direct'), description: vscode.l10n.t('to an OBServer, port 2881'), value: 'direct' },
        { label: vscode.l10n.t('Through OBProxy'), description: vscode.l10n.t('port 2883'), value: 'proxy' },
      ] });
      if (v === BACK) return BACK;
      if (v !== a.connectionMode && !has('port')) a.port = undefined;
      a.connectionMode = v;
    } },
    { shows: () => !has('port'), async ask(view) {
      const def = a.port ?? (a.connectionMode === 'proxy' ? 2883 : 2881);
      const v = await p.input({ ...view, prompt: vscode.l10n.t('Port (2881 direct, 2883 through OBProxy)'), value: String(def), validate: (s) => check.port(s) ?? err('port') });
      if (v === BACK) return BACK;
      a.port = Number(v.trim());
    } },
    // Counted while the connection mode is not known yet; shown only through OBProxy.
    { shows: () => (a.connectionMode === undefined || a.connectionMode === 'proxy') && !has('clusterName'), async ask(view) {
      const v = await p.input({ ...view, prompt: vscode.l10n.t('Cluster name (needed through OBProxy)'), value: a.clusterName,
        validate: (s) => (s.trim() ? undefined : vscode.l10n.t('Enter the cluster name.')) ?? err('clusterName') });
      if (v === BACK) return BACK;
      a.clusterName = v.trim();
      const id = await p.input({ ...view, prompt: vscode.l10n.t('obClusterId (needed for a standby cluster through OBProxy; empty otherwise)'), value: a.obClusterId !== undefined ? String(a.obClusterId) : '',
        validate: (s) => (s.trim() === '' ? undefined : check.positiveInt(s, 'obClusterId')) ?? err('obClusterId') });
      if (id === BACK) return BACK;
      a.obClusterId = id.trim() ? Number(id.trim()) : undefined;
    } },
    { shows: () => !has('rootSysPassword'), async ask(view) {
      const v = await p.input({ ...view, password: true, prompt: vscode.l10n.t('Password of root@sys of the cluster'), value: a.rootSysPassword, validate: (s) => check.password(s) ?? err('rootSysPassword') });
      if (v === BACK) return BACK;
      a.rootSysPassword = v;
    } },
    { shows: () => !has('saveToCredential'), async ask(view) {
      const v = await p.pick<boolean>({ ...view, placeholder: vscode.l10n.t('Save the root@sys password in OCP\'s password box?'), items: yesNo(vscode.l10n.t('Save to credential (default)'), vscode.l10n.t('Do not save')) });
      if (v === BACK) return BACK;
      a.saveToCredential = v;
    } },
    { shows: () => !has('switchConfigUrl'), async ask(view) {
      const v = await p.pick<boolean>({ ...view, placeholder: vscode.l10n.t('Switch the cluster\'s ConfigUrl to this OCP?'), items: yesNo(vscode.l10n.t('Switch ConfigUrl (default)'), vscode.l10n.t('Keep the current ConfigUrl')) });
      if (v === BACK) return BACK;
      a.switchConfigUrl = v;
    } },
    { shows: () => !(has('hostInfo') || given.allHostsManaged === true), async ask(view) {
      const managed = await p.pick<boolean>({ ...view, placeholder: vscode.l10n.t('Does OCP manage every host of this cluster already?'), items: yesNo(vscode.l10n.t('Yes, all hosts are in OCP'), vscode.l10n.t('No: add the missing hosts')) });
      if (managed === BACK) return BACK;
      if (managed) { a.hostInfo = undefined; return; }
      const kind = await p.pick<NonNullable<TakeOverRequest['hostInfo']>['kind']>({ ...view, placeholder: vscode.l10n.t('Host kind'), items: [
        { label: vscode.l10n.t('Physical machine'), description: 'DEDICATED_PHYSICAL_MACHINE', value: 'DEDICATED_PHYSICAL_MACHINE' },
        { label: vscode.l10n.t('Container'), description: 'DEDICATED_CONTAINER', value: 'DEDICATED_CONTAINER' },
      ] });
      if (kind === BACK) return BACK;
      hostTypes ??= await client.listHostTypes();
      if (hostTypes.length === 0) throw new Error(vscode.l10n.t('OCP has no host type. Create one in OCP first.'));
      const hostTypeId = await p.pick<number>({ ...view, placeholder: vscode.l10n.t('Host type'), items: hostTypes.map((h) => ({ label: String(h.name), description: h.description ? String(h.description) : undefined, value: Number(h.id) })) });
      if (hostTypeId === BACK) return BACK;
      credentials ??= await client.listCredentials();
      if (credentials.length === 0) throw new Error(vscode.l10n.t('OCP has no host credential. Add an SSH credential (a user with passwordless sudo) in OCP first.'));
      const credentialId = await p.pick<number>({ ...view, placeholder: vscode.l10n.t('SSH credential for the hosts (a user with passwordless sudo)'),
        items: credentials.map((c) => ({ label: String(c.name), description: c.sshCredentialProperty?.username ? String(c.sshCredentialProperty.username) : undefined, value: Number(c.id) })) });
      if (credentialId === BACK) return BACK;
      a.hostInfo = { kind, hostTypeId, credentialId };
    } },
  ];
  await runWizard(title, steps, a);
  return toTakeOverBody(a);
}

/** The documented take-over body (core/model/requests.ts). */
export function toTakeOverBody(a: TakeOverAnswers): TakeOverRequest {
  return takeOverBody(a);
}

export function preCheckBody(b: TakeOverRequest): Omit<TakeOverRequest, 'hostInfo' | 'switchConfigUrl'> {
  return takeOverPreCheckBody(b);
}
