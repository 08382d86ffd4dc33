/**
 * The DAP session: translates Debug Adapter Protocol requests into calls on the
 * engine and engine stops into DAP events. It knows DAP; the engine does not.
 *
 * Robustness rules: every request gets a response; a handler that throws produces an
 * error response naming the problem (the session stays up); requests that need a
 * launched program are refused clearly before launch and after termination.
 */
import { DebugSession, InitializedEvent, TerminatedEvent } from '@vscode/debugadapter';
import type { DebugProtocol } from '@vscode/debugprotocol';
import { PkvmLaunchArguments, validateLaunchArguments } from './launchArguments';

type Phase = 'new' | 'initialized' | 'launched' | 'terminated';

/** Requests that are valid before a program is launched. */
const PRE_LAUNCH = new Set(['initialize', 'launch', 'attach', 'disconnect', 'terminate', 'setBreakpoints', 'setFunctionBreakpoints', 'setExceptionBreakpoints', 'setInstructionBreakpoints', 'setDataBreakpoints', 'configurationDone', 'threads', 'cancel']);

export class PkvmDebugSession extends DebugSession {
  protected phase: Phase = 'new';

  constructor() {
    super();
    this.setDebuggerLinesStartAt1(true);
    this.setDebuggerColumnsStartAt1(true);
  }

  /** Central dispatch: phase checks and conversion of thrown errors into error responses. */
  protected override dispatchRequest(request: DebugProtocol.Request): void {
    if (this.phase === 'terminated' && request.command !== 'disconnect') {
      return this.fail(request, `the debug session has ended; '${request.command}' cannot run`);
    }
    if (this.phase !== 'launched' && !PRE_LAUNCH.has(request.command)) {
      return this.fail(request, `'${request.command}' needs a launched program (send 'launch' first)`);
    }
    try {
      super.dispatchRequest(request);
    } catch (e) {
      this.fail(request, (e as Error).message);
    }
  }

  private fail(request: DebugProtocol.Request, message: string): void {
    const response: DebugProtocol.Response = {
      seq: 0,
      type: 'response',
      request_seq: request.seq,
      command: request.command,
      success: false,
      message,
      body: { error: { id: 1, format: message, showUser: true } },
    };
    this.sendResponse(response);
  }

  protected override initializeRequest(response: DebugProtocol.InitializeResponse): void {
    response.body = {
      supportsConfigurationDoneRequest: true,
      supportsTerminateRequest: true,
    };
    this.phase = 'initialized';
    this.sendResponse(response);
    this.sendEvent(new InitializedEvent());
  }

  protected override launchRequest(response: DebugProtocol.LaunchResponse, args: DebugProtocol.LaunchRequestArguments): void {
    const launch = args as PkvmLaunchArguments;
    const problems = validateLaunchArguments(launch);
    if (problems.length > 0) {
      this.sendErrorResponse(response, { id: 2, format: `invalid launch configuration: ${problems.join('; ')}`, showUser: true });
      return;
    }
    this.sendErrorResponse(response, { id: 3, format: 'launching guests is not implemented in this build yet', showUser: true });
  }

  protected override threadsRequest(response: DebugProtocol.ThreadsResponse): void {
    response.body = { threads: [] };
    this.sendResponse(response);
  }

  protected override terminateRequest(response: DebugProtocol.TerminateResponse): void {
    this.phase = 'terminated';
    this.sendResponse(response);
    this.sendEvent(new TerminatedEvent());
  }

  protected override disconnectRequest(response: DebugProtocol.DisconnectResponse): void {
    this.phase = 'terminated';
    this.sendResponse(response);
  }
}
