// Writes jest's own totals to .tmp/jest-results.json, so .ci/run can print them as one plain line.
const fs = require('node:fs');
const path = require('node:path');

class ResultsReporter {
  constructor(globalConfig) {
    this.file = path.join(globalConfig.rootDir, '.tmp', 'jest-results.json');
  }

  onRunComplete(_contexts, results) {
    const failed = results.numFailedTests + results.numRuntimeErrorTestSuites;
    fs.mkdirSync(path.dirname(this.file), { recursive: true });
    fs.writeFileSync(this.file, JSON.stringify({ passed: results.numPassedTests, failed, success: results.success }));
  }
}

module.exports = ResultsReporter;
