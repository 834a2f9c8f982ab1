import type { ActionIO } from '../io.js';
import type { EngineLog } from './types.js';

/** The engine's log on a run's IO (the toolkit in the action, the terminal in the CLI). */
export function engineLog(io: ActionIO): EngineLog {
  return {
    info: (m) => io.info(m),
    warning: (m) => io.warning(m),
    error: (m) => io.error(m),
    debug: (m) => io.debug(m),
    group: (name, fn) => io.group(name, fn),
  };
}
