/**
 * A few in-process counters rendered in the Prometheus text format. Enough for dashboards to see
 * traffic, errors and latency per route without another dependency.
 */
class Metrics {
  private readonly requests = new Map<string, { count: number; seconds: number }>();

  observe(method: string, route: string, status: number, seconds: number): void {
    const key = `method="${method}",route="${route}",status="${status}"`;
    const entry = this.requests.get(key) ?? { count: 0, seconds: 0 };
    entry.count += 1;
    entry.seconds += seconds;
    this.requests.set(key, entry);
  }

  render(): string {
    const lines = [
      '# HELP http_requests_total HTTP requests served, by method, route and status.',
      '# TYPE http_requests_total counter',
    ];
    for (const [labels, { count }] of this.requests) lines.push(`http_requests_total{${labels}} ${count}`);
    lines.push(
      '# HELP http_request_duration_seconds_sum Total time spent serving requests.',
      '# TYPE http_request_duration_seconds_sum counter',
    );
    for (const [labels, { seconds }] of this.requests)
      lines.push(`http_request_duration_seconds_sum{${labels}} ${seconds.toFixed(6)}`);
    const mem = process.memoryUsage();
    lines.push(
      '# HELP process_resident_memory_bytes Resident memory size in bytes.',
      '# TYPE process_resident_memory_bytes gauge',
    );
    lines.push(`process_resident_memory_bytes ${mem.rss}`);
    lines.push('# HELP nodejs_heap_used_bytes V8 heap in use.', '# TYPE nodejs_heap_used_bytes gauge');
    lines.push(`nodejs_heap_used_bytes ${mem.heapUsed}`);
    return `${lines.join('\n')}\n`;
  }
}

export const metrics = new Metrics();
