// What the documented create-cluster API can do (create-cluster.md): the body is {name, rpmName, type, password,
// primaryZone?, zones[{name, idcName, servers[]}]}. `type` may be PRIMARY or STANDBY, but no documented field names
// the primary cluster a STANDBY would follow, and OCP's guide needs one (standby clusters exist only for
// OceanBase 2.2.50 to 4.0). So only PRIMARY can be created as documented; STANDBY is not offered at all.

/** Fields of the documented create body. A field outside this list is never sent. */
export const CREATE_CLUSTER_FIELDS = ['name', 'rpmName', 'type', 'password', 'primaryZone', 'zones'] as const;

/** The cluster types the product can create with the documented body: PRIMARY only. */
export function creatableClusterTypes(): ('PRIMARY' | 'STANDBY')[] {
  return ['PRIMARY'];
}
