/**
 * A DebugClient that validates every message crossing the wire against the vendored
 * DAP JSON schema (debug-adapter/protocol/debugAdapterProtocol.json). It parses the
 * adapter's output stream independently of DebugClient (validating on the client
 * side, as the reference advises: a listener inside the adapter changes its exit).
 */
import { DebugClient } from '@vscode/debugadapter-testsupport';
import Ajv from 'ajv-draft-04';
import type { ValidateFunction } from 'ajv';
import type { DebugProtocol } from '@vscode/debugprotocol';
import * as path from 'node:path';
import * as fs from 'node:fs';
import type { Readable, Writable } from 'node:stream';

const ROOT = path.resolve(__dirname, '../../../..');
const SCHEMA_PATH = path.join(ROOT, 'debug-adapter/protocol/debugAdapterProtocol.json');

interface SchemaFile {
  definitions: Record<string, unknown>;
}

let cache: { ajv: InstanceType<typeof Ajv>; defs: Set<string> } | null = null;

function compiler(): { ajv: InstanceType<typeof Ajv>; defs: Set<string> } {
  if (cache) return cache;
  const schema = JSON.parse(fs.readFileSync(SCHEMA_PATH, 'utf8')) as SchemaFile & Record<string, unknown>;
  const ajv = new Ajv({ allErrors: true, strict: false });
  // Non-standard annotation keywords used by the DAP schema.
  ajv.addKeyword({ keyword: '_enum' });
  ajv.addKeyword({ keyword: 'enumDescriptions' });
  ajv.addKeyword({ keyword: 'markdownDescription' });
  // Integer formats the schema uses: checked, not ignored.
  const intFormat = (min: number, max: number) => ({ type: 'number' as const, validate: (x: number) => Number.isInteger(x) && x >= min && x <= max });
  ajv.addFormat('int32', intFormat(-(2 ** 31), 2 ** 31 - 1));
  ajv.addFormat('uint32', intFormat(0, 2 ** 32 - 1));
  ajv.addFormat('int64', intFormat(Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER));
  ajv.addFormat('uint64', intFormat(0, Number.MAX_SAFE_INTEGER));
  ajv.addSchema(schema, 'dap');
  cache = { ajv, defs: new Set(Object.keys(schema.definitions)) };
  return cache;
}

const validators = new Map<string, ValidateFunction>();
function validatorFor(def: string): ValidateFunction {
  let v = validators.get(def);
  if (!v) {
    const { ajv } = compiler();
    v = ajv.compile({ $ref: `dap#/definitions/${def}` }) as ValidateFunction;
    validators.set(def, v);
  }
  return v;
}

const cap = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

interface DapMessage {
  type: string;
  command?: string;
  event?: string;
  success?: boolean;
}

/** The schema definition a message must satisfy; custom (pkvm/…) messages use the base types. */
export function definitionFor(msg: DapMessage): string {
  const { defs } = compiler();
  if (msg.type === 'response') {
    const d = `${cap(msg.command ?? '')}Response`;
    return msg.success === false ? 'ErrorResponse' : defs.has(d) ? d : 'Response';
  }
  if (msg.type === 'event') {
    const d = `${cap(msg.event ?? '')}Event`;
    return defs.has(d) ? d : 'Event';
  }
  if (msg.type === 'request') {
    const d = `${cap(msg.command ?? '')}Request`;
    return defs.has(d) ? d : 'Request';
  }
  return 'ProtocolMessage';
}

export function validateMessage(msg: DapMessage): string | null {
  const def = definitionFor(msg);
  const v = validatorFor(def);
  const ok: boolean = v(msg);
  if (ok) return null;
  return `${def} (${msg.command ?? msg.event ?? msg.type}): ${JSON.stringify(v.errors?.slice(0, 3))}`;
}

export class ValidatingDebugClient extends DebugClient {
  readonly violations: string[] = [];
  readonly received: DapMessage[] = [];
  private raw = Buffer.alloc(0);

  protected override connect(readable: Readable, writable: Writable): void {
    readable.on('data', (chunk: Buffer) => this.tee(chunk));
    const self = this;
    const validatingWritable = new Proxy(writable, {
      get(target, prop, receiver) {
        if (prop === 'write') {
          return (data: string, ...rest: unknown[]) => {
            self.checkOutgoing(data);
            return (target.write as (...a: unknown[]) => boolean).call(target, data, ...rest);
          };
        }
        const value = Reflect.get(target, prop, receiver) as unknown;
        return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
      },
    });
    super.connect(readable, validatingWritable);
  }

  private checkOutgoing(data: string): void {
    const body = data.slice(data.indexOf('\r\n\r\n') + 4);
    const msg = JSON.parse(body) as DapMessage;
    const err = validateMessage(msg);
    if (err) this.violations.push(`request invalid: ${err}`);
  }

  private tee(chunk: Buffer): void {
    this.raw = Buffer.concat([this.raw, chunk]);
    for (;;) {
      const sep = this.raw.indexOf('\r\n\r\n');
      if (sep < 0) return;
      const m = /Content-Length: *(\d+)/i.exec(this.raw.subarray(0, sep).toString('ascii'));
      if (!m) throw new Error('DAP stream: header without Content-Length');
      const len = Number(m[1]);
      if (this.raw.length < sep + 4 + len) return;
      const msg = JSON.parse(this.raw.subarray(sep + 4, sep + 4 + len).toString('utf8')) as DapMessage;
      this.raw = this.raw.subarray(sep + 4 + len);
      this.received.push(msg);
      const err = validateMessage(msg);
      if (err) this.violations.push(err);
    }
  }

  // Requests DebugClient has no helper for.
  setInstructionBreakpointsRequest(args: DebugProtocol.SetInstructionBreakpointsArguments): Promise<DebugProtocol.SetInstructionBreakpointsResponse> {
    return this.send('setInstructionBreakpoints', args) as Promise<DebugProtocol.SetInstructionBreakpointsResponse>;
  }
  readMemoryRequest(args: DebugProtocol.ReadMemoryArguments): Promise<DebugProtocol.ReadMemoryResponse> {
    return this.send('readMemory', args) as Promise<DebugProtocol.ReadMemoryResponse>;
  }
  writeMemoryRequest(args: DebugProtocol.WriteMemoryArguments): Promise<DebugProtocol.WriteMemoryResponse> {
    return this.send('writeMemory', args) as Promise<DebugProtocol.WriteMemoryResponse>;
  }

  /** Fails the test when any message so far broke the schema. */
  assertProtocolValid(): void {
    if (this.violations.length > 0) {
      throw new Error(`DAP schema violations:\n${this.violations.join('\n')}`);
    }
  }
}
