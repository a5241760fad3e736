/** The markdown table `npm run bench` prints and the README shows. */
const fmt = (n, digits = 0) => (Number.isFinite(n) ? n.toFixed(digits) : '-');

export function renderTable(results, machine, policy) {
  const header =
    '| tool | links (unique) | hosts | wall (median) | lower bound | ratio | peak RSS | CPU/link | definite correct | false rot | missed rot | transient→rot | inconclusive kept | politeness violations (servers / wire) |\n' +
    '|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n';
  const rows = results
    .map(
      (r) =>
        `| ${r.tool} | ${r.size} (${r.uniqueUrls}) | ${r.hosts} | ${fmt(r.wallMsMedian / 1000, 1)} s | ${fmt(r.lowerBoundMs / 1000, 1)} s | ${fmt(r.ratioToBound, 2)}x | ${fmt(r.peakRssMbMax)} MB | ${fmt(r.cpuMsPerLink, 3)} ms | ${fmt(r.definiteCorrectPctMin, 2)}% | ${r.falseRotMax} | ${r.missedRotMax} | ${r.transientCalledRotMax} | ${r.inconclusiveKeptMin}/${r.inconclusive} | ${r.violationsMax} / ${r.wireViolationsMax ?? 'n/a'} |`,
    )
    .join('\n');
  const facts = `\nMachine: ${machine.nproc} cores (${machine.cpu}), ${machine.memoryGb} GB, Node ${machine.node}, ${machine.platform}; ${machine.date}.\nPolicy: hostConcurrency ${policy.hostConcurrency}, hostInterval ${policy.hostIntervalMs} ms, concurrency ${policy.concurrency}, retries ${policy.retries}. Worst run shown for accuracy, RSS and violations.\n`;
  return `${header}${rows}\n${facts}`;
}
