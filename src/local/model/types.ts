/** A shape of the service's API model, slimmed to what validation and routing need. */
export interface Shape {
  type:
    | 'structure'
    | 'list'
    | 'map'
    | 'string'
    | 'integer'
    | 'long'
    | 'boolean'
    | 'timestamp'
    | 'blob'
    | 'double'
    | 'float';
  required?: string[];
  min?: number;
  max?: number;
  pattern?: string;
  enum?: string[];
  error?: { httpStatusCode: number };
  members?: Record<string, MemberRef>;
  member?: string;
  key?: string;
  value?: string;
}

/** Where a structure member travels: the JSON body (no location), the URI, the query string or a header. */
interface MemberRef {
  shape: string;
  location?: 'uri' | 'querystring' | 'header';
  locationName?: string;
}

export interface OperationModel {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  requestUri: string;
  responseCode: number;
  input: string;
  output?: string;
  errors: string[];
}

export interface ServiceModel {
  /** botocore's service name, e.g. `chime-sdk-messaging`. */
  service: string;
  signingName: string;
  apiVersion: string;
  operations: Record<string, OperationModel>;
  shapes: Record<string, Shape>;
}
