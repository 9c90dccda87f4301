import type { ApiKey, CreatedApiKey, Settings, Stats } from './views';

/*
 * Endpoints the console uses whose contract is agreed but which the OpenAPI document does not
 * describe yet. Each entry goes as soon as `npm run openapi` brings the real one into schema.ts.
 */

type Json<T> = { content: { 'application/json': T } };
type NoParams = { query?: never; header?: never; path?: never; cookie?: never };
type Item = { parameters: NoParams; put?: never; patch?: never; head?: never; options?: never; trace?: never };

export interface PendingPaths {
  '/api/v1/stats': Item & {
    get: { parameters: { query?: { from?: string; to?: string } }; responses: { 200: Json<Stats> } };
    post?: never;
    delete?: never;
  };
  '/api/v1/settings': Item & { get: { parameters: NoParams; responses: { 200: Json<Settings> } }; post?: never; delete?: never };
  '/api/v1/api-keys': Item & {
    get: { parameters: NoParams; responses: { 200: Json<{ items: ApiKey[] }> } };
    post: {
      parameters: NoParams;
      requestBody: Json<{ name: string; roles: ApiKey['roles'] }>;
      responses: { 201: Json<CreatedApiKey> };
    };
    delete?: never;
  };
  '/api/v1/api-keys/{id}': Item & {
    get?: never;
    post?: never;
    delete: { parameters: { path: { id: string } }; responses: { 200: Json<ApiKey>; 204: { content?: never } } };
  };
}
