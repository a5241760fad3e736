/** Accuracy of one tool's verdicts against the scenario's truth. */

/** The key every tool's URLs are compared by: no fragment, as WHATWG URL serialises it. */
export function normalizeUrl(raw) {
  try {
    const url = new URL(raw);
    url.hash = '';
    return url.href;
  } catch {
    return raw;
  }
}

/**
 * @param {Array<{url:string,truth:string,acceptable:string[],transient:boolean}>} urls
 * @param {Map<string, 'live'|'rot'|'inconclusive'>} verdicts keyed by normalizeUrl
 */
export function scoreVerdicts(urls, verdicts) {
  const score = {
    unique: urls.length,
    reported: 0,
    missing: 0,
    definite: 0,
    definiteCorrect: 0,
    falseRot: 0,
    missedRot: 0,
    transientCalledRot: 0,
    inconclusive: 0,
    inconclusiveKept: 0,
    inconclusiveCalledRot: 0,
  };
  for (const u of urls) {
    const said = verdicts.get(normalizeUrl(u.url));
    if (said === undefined) score.missing++;
    else score.reported++;
    if (u.truth === 'inconclusive') {
      score.inconclusive++;
      if (said === 'inconclusive') score.inconclusiveKept++;
      if (said === 'rot') score.inconclusiveCalledRot++;
    } else {
      score.definite++;
      if (said !== undefined && u.acceptable.includes(said)) score.definiteCorrect++;
      if (u.truth === 'rot' && said === 'live') score.missedRot++;
    }
    if (said === 'rot' && !u.acceptable.includes('rot')) score.falseRot++;
    if (u.transient && said === 'rot') score.transientCalledRot++;
  }
  score.definiteCorrectPct = score.definite === 0 ? 100 : (100 * score.definiteCorrect) / score.definite;
  return score;
}
