// Allure 3 configuration. Categories and environments come from the suite's own catalogues (one source of truth).
import process from 'node:process';
import { tsImport } from 'tsx/esm/api';

const { CATEGORIES } = await tsImport('./src/categories.ts', import.meta.url);
const { TARGETS } = await tsImport('./src/providers/catalogue.ts', import.meta.url);

const labelValue = (labels, name) => labels.find((label) => label.name === name)?.value;

// Runs that write elsewhere (CONTRACT_REPORTS_DIR) keep their own history.
const reportsDir = process.env.CONTRACT_REPORTS_DIR ?? './reports';

export default {
  name: 'Partner API contracts',
  output: `${reportsDir}/allure-report`,
  // The nightly CI restores and saves this file, so trends and "new since last night" show; bounded in nights.
  historyPath: `${reportsDir}/history.jsonl`,
  historyLimit: 60,
  // One environment per target: provider/region/environment.
  environments: Object.fromEntries(
    TARGETS.map((target) => [target.id, { name: target.id, matcher: ({ labels }) => labelValue(labels, 'target') === target.id }]),
  ),
  // The suite labels each failure with its category (label `failure-category`); nothing is guessed from messages.
  categories: {
    rules: [
      // First: a failure the team has reported and is waiting on (known-issues.json) is not triaged again.
      { id: 'known-issue', name: 'Known issue (reported, waiting)', matchers: { labels: { 'known-issue': '.+' } }, groupBy: ['environment'], groupByMessage: false },
      ...Object.entries(CATEGORIES).map(([id, category]) => ({
        id,
        name: category.title,
        matchers: { labels: { 'failure-category': id } },
        groupBy: ['environment'],
        groupByMessage: false,
        expand: true,
      })),
      { id: 'suite-error', name: 'Suite error (a defect in the checks)', matchers: { statuses: ['failed', 'broken'] }, groupBy: ['environment'], groupByMessage: false },
    ],
  },
  plugins: {
    awesome: {
      options: {
        reportName: 'Partner API contracts',
        // One self-contained HTML file: opens from disk (file://) without a server.
        singleFile: true,
        reportLanguage: 'en',
        groupBy: ['epic', 'feature', 'story'],
      },
    },
  },
};
