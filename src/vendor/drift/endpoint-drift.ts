/**
 * One endpoint the suite calls, held against the vendor's operation: the operation exists, the suite sends what its
 * parameters and request body require, and every answer the vendor documents would pass the project's contract.
 */
import type { EndpointDescriptor, ProviderDescriptor } from '../../providers/types.ts';
import { serverPath, type LoadedVendorDocument } from '../documents.ts';
import { documentedStatuses, findOperation, mediaFor, requestBodyOf, responseFor, type VendorOperation } from '../operations.ts';
import { directionView, type Direction } from '../schema-views.ts';
import { escapePointer, isObject, resolvePointer, type SchemaObject } from '../schema-walk.ts';
import type { VendorValidator } from '../validator.ts';
import { schemaDifferences } from './compare.ts';
import { finding, fromDifference, type DriftFinding } from './findings.ts';
import type { SchemaNode } from './flatten.ts';

/** The project's own contract for a provider: schemas/<provider>.json, as parsed JSON. */
export interface ProjectDocument {
  file: string;
  document: SchemaObject;
}

export interface EndpointDriftInput {
  provider: ProviderDescriptor;
  endpoint: EndpointDescriptor;
  project: ProjectDocument;
  vendorDocuments: readonly LoadedVendorDocument[];
  validator: VendorValidator;
  views: ViewCache;
  /** The request body the suite builds for the endpoint, with placeholder values for what it discovers; undefined: none. */
  sampleBody?: unknown;
}

/** Direction views of the vendor documents, each made once per run (a copy of a large document). */
export class ViewCache {
  private readonly views = new Map<string, SchemaObject>();

  get(document: LoadedVendorDocument, direction: Direction): SchemaObject {
    const key = `${document.file}.${direction}`;
    let view = this.views.get(key);
    if (!view) {
      view = directionView(document, direction);
      this.views.set(key, view);
    }
    return view;
  }
}

const JSON_TYPE = 'application/json';
/** Redirects, rate limits and server errors: any HTTP API may answer them, documented per operation or not. */
const TRANSPORT_STATUS = /^(3\d\d|429|5\d\d|[35]XX)$/;
/** A value for a discovered path or query parameter where the vendor's schema is checked: shaped like the ids they are. */
export const PLACEHOLDER_ID = '00000000-0000-4000-8000-000000000000';

/** The endpoint's full path template as it follows the host: the documented base path, then the endpoint's path. */
export function fullPathTemplate(provider: ProviderDescriptor, endpoint: EndpointDescriptor): string {
  const baseUrl = Object.values(provider.baseUrls)[0]?.prod ?? '';
  return `${serverPath(baseUrl)}/${endpoint.path.replace(/^\/+/, '')}`;
}

function projectOperation(project: ProjectDocument, fullPath: string, method: string): { operation: SchemaObject; pointer: string } | undefined {
  const servers = Array.isArray(project.document.servers) ? project.document.servers : [];
  const base = serverPath(isObject(servers[0]) && typeof servers[0].url === 'string' ? servers[0].url : undefined);
  const relative = fullPath.startsWith(`${base}/`) ? fullPath.slice(base.length) : fullPath;
  const paths = isObject(project.document.paths) ? project.document.paths : {};
  const item = paths[relative];
  const verb = method.toLowerCase();
  if (!isObject(item) || !isObject(item[verb])) return undefined;
  return { operation: item[verb], pointer: `#/paths/${escapePointer(relative)}/${verb}` };
}

function projectNode(project: ProjectDocument, pointer: string, schema: unknown): SchemaNode | undefined {
  return isObject(schema) ? { document: project.document, file: project.file, pointer, schema } : undefined;
}

function vendorNode(input: EndpointDriftInput, operation: VendorOperation, direction: Direction, pointer: string): SchemaNode | undefined {
  const view = input.views.get(operation.document, direction);
  const schema = resolvePointer(view, pointer);
  return isObject(schema) ? { document: view, file: operation.document.file, pointer, schema } : undefined;
}

function statusCovered(statuses: readonly string[], status: string): boolean {
  return statuses.includes(status) || statuses.includes(`${status[0]}XX`) || statuses.includes('default');
}

export function endpointDrift(input: EndpointDriftInput): DriftFinding[] {
  const { provider, endpoint, project, vendorDocuments } = input;
  const fullPath = fullPathTemplate(provider, endpoint);
  const suiteOperation = `${endpoint.method} ${fullPath}`;
  const vendor = findOperation(vendorDocuments, endpoint.method, fullPath);
  if (!vendor && endpoint.outsideVendorDocuments) {
    return [finding({
      severity: 'INFO', provider: provider.id, endpoint: endpoint.id, operation: suiteOperation, direction: 'operation', path: '/', rule: 'operation-outside-vendor-documents',
      project: `calls ${suiteOperation}, held against ${endpoint.outsideVendorDocuments.title} only`, vendor: `not in ${vendorDocuments.map((d) => d.file).join(', ')}`,
    })];
  }
  if (!vendor) {
    return [finding({
      severity: 'ERR', provider: provider.id, endpoint: endpoint.id, operation: suiteOperation, direction: 'operation', path: '/', rule: 'operation-missing',
      project: `calls ${suiteOperation}`, vendor: `no such operation in ${vendorDocuments.map((d) => d.file).join(', ')}`,
    })];
  }
  const own = projectOperation(project, fullPath, endpoint.method);
  const context = { provider: provider.id, endpoint: endpoint.id, operation: vendor.name };
  if (!own) {
    return [finding({
      ...context, severity: 'ERR', direction: 'operation', path: '/', rule: 'project-operation-missing',
      project: `${project.file} does not describe ${suiteOperation}`, vendor: `documents ${vendor.name}`, vendorAt: `${vendor.document.file}${vendor.pointer}`,
    })];
  }
  return [...parameterDrift(input, vendor), ...requestDrift(input, vendor, own), ...responseDrift(input, vendor, own)];
}

function parameterDrift(input: EndpointDriftInput, vendor: VendorOperation): DriftFinding[] {
  const { provider, endpoint, validator } = input;
  const context = { provider: provider.id, endpoint: endpoint.id, operation: vendor.name, direction: 'request' as const };
  const sent = endpoint.query ?? {};
  const out: DriftFinding[] = [];
  for (const parameter of vendor.parameters) {
    if (parameter.in !== 'query' || !parameter.required || parameter.name in sent) continue;
    out.push(finding({
      ...context, severity: 'ERR', path: `/?${parameter.name}`, rule: 'parameter-required',
      project: `sends no ${parameter.name}`, vendor: `requires query parameter ${parameter.name}`, vendorAt: `${vendor.document.file}${vendor.pointer}`,
    }));
  }
  for (const [name, template] of Object.entries(sent)) {
    const documented = vendor.parameters.find((p) => p.in === 'query' && p.name === name);
    const at = { path: `/?${name}` };
    if (!documented) {
      out.push(finding({ ...context, ...at, severity: 'INFO', rule: 'parameter-undocumented', project: `sends ${name}=${template}`, vendor: `documents no query parameter ${name}` }));
      continue;
    }
    if (!documented.schemaPointer) continue;
    const value = template.replace(/\{[^}]+\}/g, PLACEHOLDER_ID);
    const check = validator.validatorAt(vendor.document, 'request', documented.schemaPointer, true);
    if (!check(value)) {
      out.push(finding({
        ...context, ...at, severity: 'ERR', rule: 'parameter-invalid', project: `sends ${name}=${template}`,
        vendor: `${name}: ${check.errors?.[0]?.message ?? 'invalid'}`, vendorAt: `${vendor.document.file}${documented.schemaPointer}`,
      }));
    }
  }
  return out;
}

function requestDrift(input: EndpointDriftInput, vendor: VendorOperation, own: { operation: SchemaObject; pointer: string }): DriftFinding[] {
  const { provider, endpoint, project, validator } = input;
  const context = { provider: provider.id, endpoint: endpoint.id, operation: vendor.name, direction: 'request' as const };
  const ownBody = isObject(own.operation.requestBody) ? own.operation.requestBody : undefined;
  const ownContent = isObject(ownBody?.content) ? ownBody.content : {};
  const contentType = Object.keys(ownContent)[0];
  const documented = requestBodyOf(vendor);
  const out: DriftFinding[] = [];
  if (!contentType) {
    if (documented?.body.required === true) {
      out.push(finding({ ...context, severity: 'ERR', path: '/', rule: 'request-body-required', project: 'sends no body', vendor: 'requires a request body', vendorAt: `${vendor.document.file}${documented.pointer}` }));
    }
    return out;
  }
  const media = documented ? mediaFor(documented.body.content, contentType) : undefined;
  if (!documented || !media) {
    out.push(finding({
      ...context, severity: 'ERR', path: '/', rule: 'content-type', project: `sends ${contentType}`,
      vendor: documented ? `takes ${Object.keys(documented.body.content ?? {}).join(', ')}` : 'takes no request body', vendorAt: `${vendor.document.file}${documented?.pointer ?? vendor.pointer}`,
    }));
    return out;
  }
  const vendorPointer = `${documented.pointer}/content/${escapePointer(media.key)}/schema`;
  const ownPointer = `${own.pointer}/requestBody/content/${escapePointer(contentType)}/schema`;
  const acceptor = vendorNode(input, vendor, 'request', vendorPointer);
  const producer = projectNode(project, ownPointer, (ownContent[contentType] as SchemaObject | undefined)?.schema);
  if (acceptor && producer) out.push(...schemaDifferences(acceptor, producer, 'vendor').map((d) => fromDifference(context, d)));
  if (input.sampleBody !== undefined) {
    const verdict = validator.request(vendor, contentType, input.sampleBody);
    if (verdict.kind === 'invalid') {
      out.push(...verdict.violations.map((v) => finding({
        ...context, severity: 'ERR', path: v.path, rule: 'request-body-invalid',
        project: `the suite's body: ${v.actual}`, vendor: `expects ${v.expected}`, vendorAt: verdict.check.location,
      })));
    }
  }
  return out;
}

function responseDrift(input: EndpointDriftInput, vendor: VendorOperation, own: { operation: SchemaObject; pointer: string }): DriftFinding[] {
  const { provider, endpoint, project } = input;
  const ownResponses = isObject(own.operation.responses) ? own.operation.responses : {};
  const ownStatuses = Object.keys(ownResponses);
  const vendorStatuses = documentedStatuses(vendor);
  const out: DriftFinding[] = [];
  const context = (status: string) => ({ provider: provider.id, endpoint: endpoint.id, operation: vendor.name, direction: 'response' as const, status });
  const responsesAt = `${vendor.document.file}${vendor.pointer}/responses`;
  for (const status of vendorStatuses) {
    if (status === 'default' || statusCovered(ownStatuses, status)) continue;
    out.push(finding({
      ...context(status), severity: 'ERR', path: '/', rule: 'status-not-accepted',
      project: `accepts ${ownStatuses.join(', ')}`, vendor: `documents ${status}`, projectAt: `${project.file}${own.pointer}/responses`, vendorAt: responsesAt,
    }));
  }
  for (const status of ownStatuses) {
    const documented = responseFor(vendor, status);
    if (!documented && TRANSPORT_STATUS.test(status)) continue;
    if (!documented) {
      out.push(finding({
        ...context(status), severity: 'INFO', path: '/', rule: 'status-undocumented',
        project: `accepts ${status}`, vendor: `documents ${vendorStatuses.join(', ')}`, projectAt: `${project.file}${own.pointer}/responses`, vendorAt: responsesAt,
      }));
      continue;
    }
    const ownResponse = ownResponses[status];
    const ownMedia = isObject(ownResponse) ? mediaFor(ownResponse.content, JSON_TYPE) : undefined;
    if (!ownMedia || ownMedia.media.schema === undefined) continue;
    const ownPointer = `${own.pointer}/responses/${escapePointer(status)}/content/${escapePointer(ownMedia.key)}/schema`;
    const vendorMedia = mediaFor(documented.response.content, JSON_TYPE);
    if (!vendorMedia || vendorMedia.media.schema === undefined) {
      const documentedTypes = Object.keys(isObject(documented.response.content) ? documented.response.content : {});
      out.push(finding({
        ...context(documented.key), severity: 'ERR', path: '/', rule: documentedTypes.length > 0 ? 'content-type' : 'body-undocumented',
        project: `requires a JSON body matching ${project.file}${ownPointer}`,
        vendor: documentedTypes.length > 0 ? `documents ${documentedTypes.join(', ')}` : `documents no body for ${documented.key}`,
        projectAt: `${project.file}${ownPointer}`, vendorAt: `${vendor.document.file}${documented.pointer}`,
      }));
      continue;
    }
    const acceptor = projectNode(project, ownPointer, ownMedia.media.schema);
    const producer = vendorNode(input, vendor, 'response', `${documented.pointer}/content/${escapePointer(vendorMedia.key)}/schema`);
    if (acceptor && producer) out.push(...schemaDifferences(acceptor, producer, 'project').map((d) => fromDifference(context(documented.key), d)));
  }
  return out;
}
