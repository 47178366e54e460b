import { LoadBalancer } from './load-balancer';

/**
 * The load balancer as a process of its own (`ChildLoadBalancer`), for load tests: in the load generator's
 * process it would share one event loop with thousands of requests a second and measure itself. Commands come
 * over IPC: `{ add: url }`, `{ revive: [index, url] }`, `{ stats: true }`; it answers `{ url }` once listening.
 */
const balancer = new LoadBalancer({ keepAlive: true });
void balancer.listen().then(() => process.send?.({ url: balancer.url }));
process.on('message', (message: { add?: string; revive?: [number, string]; stats?: boolean }) => {
  if (message.add) balancer.add(message.add);
  if (message.revive) balancer.revive(...message.revive);
  if (message.stats) process.send?.({ stats: balancer.stats, backends: balancer.backends });
});
process.on('disconnect', () => void balancer.close().then(() => process.exit(0)));
