// Writes summary.json and summary.md for a run of the MCP conformance suite against SCMS.
//
// Usage: node conformance-summary.mjs CHECKS_DIR NOT_APPLICABLE_TSV OUTPUT_DIR SUITE URL [SCENARIO]
// SCENARIO is the one scenario that ran. Without it the whole suite ran. CHECKS_DIR contains one
// folder per scenario, server-<scenario>-<timestamp>, each with the checks.json that the suite
// wrote. A scenario passes when none of its checks has the status FAILURE or WARNING, the rule
// that the suite applies to its own list of expected failures.
import { readFileSync, readdirSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';

const [checksDir, tsvPath, outputDir, suite, url, onlyScenario] = process.argv.slice(2);
if (!outputDir || !suite || !url) {
  console.error('usage: node conformance-summary.mjs CHECKS_DIR NOT_APPLICABLE_TSV OUTPUT_DIR SUITE URL [SCENARIO]');
  process.exit(2);
}

function readReasons(path) {
  const reasons = new Map();
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    if (line.trim() === '' || line.startsWith('#')) {
      continue;
    }
    const tab = line.indexOf('\t');
    if (tab < 1) {
      throw new Error(`${path}: line without a tab between scenario and reason: ${line}`);
    }
    reasons.set(line.slice(0, tab), line.slice(tab + 1));
  }
  return reasons;
}

// The suite names each folder server-<scenario>-<ISO time with '-' for ':' and '.'>.
const folderPattern = /^server-(.+)-\d{4}-\d\d-\d\dT\d\d-\d\d-\d\d-\d{3}Z$/;

function readScenarios(dir, reasons) {
  const scenarios = [];
  for (const folder of readdirSync(dir).sort()) {
    const match = folderPattern.exec(folder);
    const checksFile = join(dir, folder, 'checks.json');
    if (!match || !existsSync(checksFile)) {
      continue;
    }
    const name = match[1];
    const checks = JSON.parse(readFileSync(checksFile, 'utf8'));
    const count = (status) => checks.filter((check) => check.status === status).length;
    const problems = checks
      .filter((check) => check.status === 'FAILURE' || check.status === 'WARNING')
      .map((check) => `${check.status} ${check.id}: ${check.errorMessage ?? check.description ?? ''}`.trim());
    const passed = problems.length === 0;
    const reason = reasons.get(name);
    let result = passed ? 'passed' : 'failed';
    if (reason !== undefined) {
      result = passed ? 'passed, but listed as not applicable' : 'not applicable';
    }
    scenarios.push({
      name,
      result,
      applies: reason === undefined,
      successes: count('SUCCESS'),
      failures: count('FAILURE'),
      warnings: count('WARNING'),
      problems,
      reason: reason ?? '',
    });
  }
  return scenarios;
}

function markdown(summary) {
  const lines = [
    `Suite: ${summary.suite}, server: ${summary.url}`,
    '',
    '| scenario | result | checks passed / failed / warnings | why it does not apply |',
    '|---|---|---|---|',
  ];
  for (const scenario of summary.scenarios) {
    lines.push(`| ${scenario.name} | ${scenario.result} | ${scenario.successes} / ${scenario.failures} / `
      + `${scenario.warnings} | ${scenario.reason.replaceAll('|', '\\|')} |`);
  }
  const failed = summary.scenarios.filter((scenario) => scenario.applies && scenario.result !== 'passed');
  const stale = summary.scenarios.filter((scenario) => !scenario.applies && scenario.result !== 'not applicable');
  lines.push('', `${summary.passed} passed, ${failed.length} failed, ${summary.notApplicable} not applicable`
    + ` (${stale.length} of them passed).`);
  for (const name of summary.unknownNotApplicable) {
    lines.push('', `${name} is listed as not applicable, but the suite has no scenario of that name.`);
  }
  for (const scenario of failed) {
    lines.push('', `${scenario.name}:`, ...scenario.problems.map((problem) => `- ${problem}`));
  }
  return lines.join('\n') + '\n';
}

const reasons = readReasons(tsvPath);
const scenarios = readScenarios(checksDir, reasons);
const summary = {
  suite,
  url,
  passed: scenarios.filter((scenario) => scenario.applies && scenario.result === 'passed').length,
  failed: scenarios.filter((scenario) => scenario.applies && scenario.result !== 'passed').length,
  notApplicable: scenarios.filter((scenario) => !scenario.applies).length,
  // Names in the list that the suite does not have. A run of one scenario cannot find them.
  unknownNotApplicable: onlyScenario ? []
    : [...reasons.keys()].filter((name) => !scenarios.some((scenario) => scenario.name === name)),
  scenarios,
};
writeFileSync(join(outputDir, 'summary.json'), JSON.stringify(summary, null, 2) + '\n');
writeFileSync(join(outputDir, 'summary.md'), markdown(summary));
process.stdout.write(markdown(summary));
