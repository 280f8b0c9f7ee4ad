// Workflow interceptor bundled into the fault tests' workflow code (never into the product's bundle). After an
// Update's handler has run it calls a sink; the worker runs sinks before it sends the activation's completion to the
// server, so a sink that does not return holds the Update exactly "in flight": handled in the worker's memory,
// unknown to Temporal. fault-worker.ts decides whether the sink holds.
import { proxySinks, type Sinks, type WorkflowInboundCallsInterceptor, type WorkflowInterceptorsFactory } from '@temporalio/workflow';

export interface FaultSinks extends Sinks {
  faults: {
    updateHandled(name: string, updateId: string): void;
  };
}

const { faults } = proxySinks<FaultSinks>();

class UpdateProbe implements WorkflowInboundCallsInterceptor {
  async handleUpdate(...[input, next]: Parameters<NonNullable<WorkflowInboundCallsInterceptor['handleUpdate']>>): Promise<unknown> {
    const result = await next(input);
    faults.updateHandled(input.name, input.updateId);
    return result;
  }
}

export const interceptors: WorkflowInterceptorsFactory = () => ({ inbound: [new UpdateProbe()] });
