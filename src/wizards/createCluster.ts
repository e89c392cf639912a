// The Create Cluster wizard: name, type, OB server package, root@sys password (twice), zones (name, IDC,
// hosts), primary zone, then a summary of the exact request body (password masked) with "Create".
// Answers already given (a script's argument object, or an earlier attempt) are kept.
import * as vscode from 'vscode';
import { creatableClusterTypes } from '../core/model/createCluster';
import { createClusterBody } from '../core/model/requests';
import { freeHosts, type Host } from '../core/model/host';
import type { OcpClient } from '../core/ocp/client';
import { listFreeHosts } from '../core/ocp/lookups';
import { maskSecrets } from '../core/ocp/curl';
import type { CreateClusterRequest, CreateClusterZone, Raw } from '../core/ocp/types';
import * as check from './validate';
import { BACK, type Prompter } from './prompter';
import { runWizard, type StepView, type WizardStep } from './steps';

export type CreateClusterAnswers = Partial<CreateClusterRequest> & { passwordConfirm?: string };

export interface WizardContext {
  client: OcpClient;
  takenNames: string[];
  /** Field errors OCP reported for the previous attempt ("name" → message). */
  serverErrors?: Map<string, string>;
  /** What the summary's extra button does ("Copy as curl"). */
  onCopyCurl(body: CreateClusterRequest): Promise<void>;
}

export async function createClusterWizard(p: Prompter, ctx: WizardContext, given: CreateClusterAnswers, interactive: boolean): Promise<CreateClusterRequest> {
  if (given.type !== undefined && !createTypes().includes(given.type)) {
    throw new Error(vscode.l10n.t('OCP\'s API cannot create a {0} cluster: its create request has no field naming the primary cluster. Create a PRIMARY cluster, or use the OCP console.', String(given.type)));
  }
  const a: CreateClusterAnswers = { ...given, zones: given.zones?.map((z) => ({ ...z, servers: [...(z.servers ?? [])] })) };
  const title = vscode.l10n.t('Create Cluster');
  const err = (field: string) => ctx.serverErrors?.get(field);
  const complete = !!(a.name && a.type && a.rpmName && a.password && a.zones?.length);
  const skipGiven = (k: keyof CreateClusterAnswers) => given[k] !== undefined && !err(k as string);

  let packages: Raw[] | undefined;
  let idcs: Raw[] | undefined;
  let hosts: FreeHost[] | undefined;

  const steps: WizardStep<CreateClusterAnswers>[] = [
    { shows: () => !skipGiven('name'), async ask(view) {
      const sent = a.name;
      const v = await p.input({ ...view, prompt: vscode.l10n.t('Cluster name'), placeholder: 'obcluster1', value: a.name,
        validate: (s) => check.clusterName(s, ctx.takenNames) ?? (s === sent ? err('name') : undefined) });
      if (v === BACK) return BACK;
      a.name = v.trim();
    } },
    // STANDBY is not offered: OCP's create body has no field naming the primary cluster (create-cluster.md), see
    // createTypes() and the README's Compatibility section.
    { shows: () => !skipGiven('type'), async ask(view) {
      const v = await p.pick<'PRIMARY' | 'STANDBY'>({ ...view, placeholder: err('type') ?? vscode.l10n.t('Cluster type (a standby cluster cannot be created through OCP\'s API)'),
        items: createTypes().map((t) => ({ label: t, description: vscode.l10n.t('a primary cluster'), value: t })) });
      if (v === BACK) return BACK;
      a.type = v;
    } },
    { shows: () => !skipGiven('rpmName'), async ask(view) {
      packages ??= await ctx.client.listSoftwarePackages({ type: 'OB_SERVER_INSTALL_PACKAGE' });
      if (packages.length === 0) throw new Error(vscode.l10n.t('OCP has no OceanBase server package (OB_SERVER_INSTALL_PACKAGE). Upload one in OCP first.'));
      const sorted = [...packages].sort((x, y) => String(y.version ?? '').localeCompare(String(x.version ?? ''), undefined, { numeric: true }));
      const v = await p.pick<string>({ ...view, placeholder: err('rpmName') ?? vscode.l10n.t('OceanBase server package'),
        items: sorted.map((pk) => ({ label: String(pk.fileName ?? pk.name), description: [pk.version, pk.operatingSystem, pk.architecture].filter(Boolean).join(' · '), value: String(pk.fileName ?? pk.name) })) });
      if (v === BACK) return BACK;
      a.rpmName = v;
    } },
    { shows: () => !skipGiven('password'), async ask(view) {
      for (;;) {
        const v = await p.input({ ...view, password: true, prompt: vscode.l10n.t('Password of root@sys'), validate: (s) => check.password(s) ?? err('password') });
        if (v === BACK) return BACK;
        a.password = v;
        const again = await p.input({ ...view, password: true, prompt: vscode.l10n.t('Type the password of root@sys again'),
          validate: (s) => (s === a.password ? undefined : vscode.l10n.t('The passwords do not match.')) });
        if (again !== BACK) return;
      }
    } },
    { shows: () => !skipGiven('zones'), async ask(view) {
      idcs ??= await ctx.client.listIdcs();
      hosts ??= freeHosts(await listFreeHosts(ctx.client));
      const r = await zonesStep(p, view, a, idcs, hosts, err('zones'));
      if (r === BACK) return BACK;
    } },
    // Counted while the zones are not known yet; shown only for two zones or more.
    { shows: () => given.primaryZone === undefined && (a.zones === undefined || a.zones.length >= 2), async ask(view) {
      const v = await p.pick<string>({ ...view, placeholder: vscode.l10n.t('Primary zone (optional)'), items: [
        { label: vscode.l10n.t('No preference'), value: '' },
        ...(a.zones ?? []).map((z) => ({ label: z.name, value: z.name })),
      ] });
      if (v === BACK) return BACK;
      a.primaryZone = v || undefined;
    } },
    { shows: () => interactive || !complete, async ask(view) {
      const body = toBody(a);
      for (;;) {
        const v = await p.pick<'create' | 'curl' | 'noop'>({ ...view, title: vscode.l10n.t('Create Cluster: summary'),
          placeholder: vscode.l10n.t('Check the request, then choose Create'),
          items: [
            { label: `$(check) ${vscode.l10n.t('Create')}`, description: `POST /api/v2/ob/clusters`, value: 'create' },
            { label: `$(copy) ${vscode.l10n.t('Copy as curl')}`, description: vscode.l10n.t('password masked'), value: 'curl' },
            ...summaryRows(body).map((r) => ({ label: r.label, description: r.value, value: 'noop' as const })),
          ] });
        if (v === BACK) return BACK;
        if (v === 'create') return;
        if (v === 'curl') await ctx.onCopyCurl(body);
      }
    } },
  ];
  await runWizard(title, steps, a);
  return toBody(a);
}

type FreeHost = Host;

async function zonesStep(p: Prompter, v: StepView, a: CreateClusterAnswers, idcs: Raw[], free: FreeHost[], serverError?: string): Promise<void | typeof BACK> {
  const { title, step, totalSteps } = v;
  const zones: CreateClusterZone[] = [];
  const used = new Set<number>();
  for (;;) {
    const zoneNo = zones.length + 1;
    const name = await p.input({ title: `${title}: ${vscode.l10n.t('zone {0}', zoneNo)}`, step, totalSteps, prompt: vscode.l10n.t('Zone name'), value: `zone${zoneNo}`,
      validate: (s) => check.zoneName(s, zones.map((z) => z.name)) ?? serverError });
    if (name === BACK) {
      if (zones.length === 0) return BACK;
      const last = zones.pop()!;
      for (const h of last.servers) used.delete(h);
      continue;
    }
    const idc = await p.pick<string>({ title: `${title}: ${name}`, step, totalSteps, placeholder: vscode.l10n.t('IDC of zone {0}', name),
      items: idcs.map((d) => ({ label: String(d.name), description: d.regionName ? String(d.regionName) : undefined, value: String(d.name) })) });
    if (idc === BACK) continue;
    const candidates = free.filter((h) => !used.has(h.id) && (!h.idcName || h.idcName === idc));
    if (candidates.length === 0) {
      void vscode.window.showWarningMessage(vscode.l10n.t('IDC {0} has no free host. Choose another IDC, or add hosts to OCP.', idc));
      continue;
    }
    const picked = await p.pickMany<number>({ title: `${title}: ${name}`, step, totalSteps,
      placeholder: vscode.l10n.t('Hosts of zone {0} ({1} free in {2}; hosts used by clusters are not listed)', name, candidates.length, idc),
      items: candidates.map((h) => ({ label: h.ip ?? h.name ?? `#${h.id}`, description: [h.name !== h.ip ? h.name : undefined, h.hostTypeName].filter(Boolean).join(' · '), value: h.id })) });
    if (picked === BACK) continue;
    zones.push({ name: name.trim(), idcName: idc, servers: picked });
    for (const h of picked) used.add(h);
    const more = await p.pick<'more' | 'done'>({ title, step, totalSteps, placeholder: vscode.l10n.t('{0} zone(s) so far', zones.length), items: [
      { label: vscode.l10n.t('Continue'), value: 'done' },
      { label: vscode.l10n.t('Add another zone'), value: 'more' },
    ] });
    if (more === BACK) {
      const last = zones.pop()!;
      for (const h of last.servers) used.delete(h);
      continue;
    }
    if (more === 'done') break;
  }
  a.zones = zones;
}

/** Host usage is read from OCP's documented `services[].type` (core/model/host.ts). */
export { hostInUse } from '../core/model/host';

/** Cluster types the wizard can create with what the documented API takes: PRIMARY only (core/model/createCluster.ts). */
function createTypes(): ('PRIMARY' | 'STANDBY')[] {
  return creatableClusterTypes();
}

/** The documented create body (core/model/requests.ts); the wizard leaves primaryZone unset without a choice. */
export function toBody(a: CreateClusterAnswers): CreateClusterRequest {
  return createClusterBody(a);
}

function summaryRows(body: CreateClusterRequest): { label: string; value: string }[] {
  const masked = maskSecrets(body);
  const rows = Object.entries(masked).filter(([k]) => k !== 'zones').map(([k, v]) => ({ label: k, value: JSON.stringify(v) }));
  masked.zones.forEach((z, i) => rows.push({ label: `zones[${i}]`, value: JSON.stringify(z) }));
  return rows;
}
