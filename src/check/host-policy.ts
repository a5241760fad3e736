import type { CheckConfig, HostPolicy } from '../model/config.js';
import type { HostLimits } from './host-scheduler.js';

/** Own keys only: a host named `__proto__` must not find Object.prototype. */
export function hostPolicyOf(config: CheckConfig, host: string): HostPolicy | undefined {
  return Object.hasOwn(config.hosts, host) ? config.hosts[host] : undefined;
}

/** A host's limits: its `config.hosts` entry (by `host:port`, then host name), else the run's defaults. */
export function limitsFor(config: CheckConfig): (host: string) => HostLimits {
  return (host) => {
    const hostname = host.replace(/:\d+$/, '');
    const policy = hostPolicyOf(config, host) ?? hostPolicyOf(config, hostname);
    return {
      concurrency: policy?.concurrency ?? config.hostConcurrency,
      intervalMs: policy?.intervalMs ?? config.hostIntervalMs,
    };
  };
}
