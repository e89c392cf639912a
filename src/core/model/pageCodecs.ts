// The page codecs a page worker knows, by name (src/core/ocp/pageWorker.ts decodes with them; PageDecoder sends
// a page only for a codec registered here, so a page is never parsed in a worker only to be declined).
import type { PageCodec } from '../ocp/types';
import { CLUSTER_CODEC } from './clusterCodec';

export const PAGE_CODECS: ReadonlyMap<string, PageCodec<unknown>> = new Map<string, PageCodec<unknown>>([[CLUSTER_CODEC.name, CLUSTER_CODEC as PageCodec<unknown>]]);
