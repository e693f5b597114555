import { busContract } from '../src/contract/bus.contract';
import { createInProcessBus } from '../src/in-process';

busContract('in-process', async () => {
  const bus = createInProcessBus();
  return { bus, cleanup: () => bus.close() };
});
