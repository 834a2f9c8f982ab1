import { parseInstant } from '../core/durations.js';
import { mermaidLabel } from '../core/escape.js';
import type { PhaseReport, Report, ServerReport, WaveReport } from '../core/report.js';

/** Up to this many servers the chart has a bar per server with its phases; beyond, a bar per wave. */
export const GANTT_MAX_SERVERS_FOR_SERVER_BARS = 20;
/** Hard cap on bars, whatever the mode. */
export const GANTT_MAX_BARS = 200;

interface Bar {
  label: string;
  startMs: number;
  endMs: number;
  failed: boolean;
}

interface Section {
  name: string;
  bars: Bar[];
}

/**
 * A mermaid gantt of the run, one section per wave. Up to 20 servers: per server one bar from its
 * StartRecovery job to healthy (or to its end), followed by its phases (snapshot, conversion, launch,
 * boot); beyond, one bar per wave. Empty string when there are no timestamps to draw.
 */
export function renderGantt(report: Report, maxBars = GANTT_MAX_BARS): string {
  const serverCount = report.waves.reduce((n, w) => n + w.servers.length, 0);
  const endFallback = parseInstant(report.endedAt);
  const sections =
    serverCount <= GANTT_MAX_SERVERS_FOR_SERVER_BARS
      ? report.waves.map((w) => serverSection(w, endFallback))
      : report.waves.map((w) => waveSection(w, endFallback));

  const lines: string[] = [];
  let bars = 0;
  let dropped = 0;
  for (const section of sections) {
    if (section.bars.length === 0) continue;
    const room = Math.max(0, maxBars - bars);
    const shown = section.bars.slice(0, room);
    dropped += section.bars.length - shown.length;
    if (shown.length === 0) continue;
    lines.push(`  section ${section.name}`);
    for (const bar of shown) lines.push(barLine(bar));
    bars += shown.length;
  }
  if (bars === 0)
    return dropped > 0 ? `*Timeline not drawn (${dropped} bars); every time is in report.json.*` : '';
  const chart = [
    '```mermaid',
    'gantt',
    '  title Timeline (UTC)',
    '  dateFormat YYYY-MM-DD HH:mm:ss',
    '  axisFormat %H:%M',
    ...lines,
    '```',
  ].join('\n');
  return dropped > 0 ? `${chart}\n\n*${dropped} more bars not drawn; every time is in report.json.*` : chart;
}

// A task name starting with a gantt keyword would be read as that statement.
const GANTT_KEYWORD =
  /^(section|title|dateformat|axisformat|tickinterval|excludes|includes|todaymarker|weekday|weekend|click|acc|inclusiveenddates|topaxis|displaymode)/i;

function taskName(label: string): string {
  return GANTT_KEYWORD.test(label) ? `- ${label}` : label;
}

function barLine(bar: Bar): string {
  const tag = bar.failed ? 'crit, ' : '';
  // Zero-length bars vanish; a second makes an instant phase visible without distorting the axis.
  const endMs = Math.max(bar.endMs, bar.startMs + 1000);
  return `  ${taskName(bar.label)} :${tag}${mermaidTime(bar.startMs)}, ${mermaidTime(endMs)}`;
}

function mermaidTime(ms: number): string {
  return new Date(ms).toISOString().slice(0, 19).replace('T', ' ');
}

function serverSection(wave: WaveReport, endFallback: number | undefined): Section {
  const bars: Bar[] = [];
  for (const server of wave.servers) {
    const who = mermaidLabel(server.hostname ?? server.sourceServerId, 40);
    const whole = serverBar(server, wave, who, endFallback);
    if (whole) bars.push(whole);
    for (const phase of server.phases) {
      const bar = phaseBar(phase, `· ${phase.name}`, endFallback);
      if (bar) bars.push(bar);
    }
  }
  return { name: mermaidLabel(wave.name), bars };
}

/** The server from its job's creation to healthy; unfinished, to its last phase or the end of the run. */
function serverBar(
  server: ServerReport,
  wave: WaveReport,
  who: string,
  endFallback: number | undefined,
): Bar | undefined {
  const job = wave.jobs.find((j) => j.jobId === server.jobId);
  const startMs =
    parseInstant(job?.createdAt) ??
    parseInstant(server.phases[0]?.startedAt) ??
    parseInstant(server.launchedAt);
  const lastPhase = server.phases.at(-1);
  const endMs =
    parseInstant(server.healthyAt) ??
    parseInstant(lastPhase?.endedAt) ??
    (lastPhase ? endFallback : undefined) ??
    parseInstant(server.launchedAt);
  if (startMs === undefined || endMs === undefined || endMs < startMs) return undefined;
  const failed = server.health === 'failed' || server.phases.some((p) => p.failed === true);
  return { label: who, startMs, endMs, failed };
}

function phaseBar(phase: PhaseReport, label: string, endFallback: number | undefined): Bar | undefined {
  const startMs = parseInstant(phase.startedAt);
  const endMs = parseInstant(phase.endedAt) ?? endFallback;
  if (startMs === undefined || endMs === undefined || endMs < startMs) return undefined;
  return { label, startMs, endMs, failed: phase.failed === true };
}

function waveSection(wave: WaveReport, endFallback: number | undefined): Section {
  const name = mermaidLabel(wave.name);
  const startMs = parseInstant(wave.startedAt);
  const endMs = parseInstant(wave.endedAt) ?? endFallback;
  if (startMs === undefined || endMs === undefined || endMs < startMs) return { name, bars: [] };
  const failed = wave.status === 'failed' || wave.status === 'timed-out';
  return { name, bars: [{ label: `${name} (${wave.servers.length} servers)`, startMs, endMs, failed }] };
}
