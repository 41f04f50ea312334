// Allure 3 configuration for the contract suite's report.
export default {
  name: 'Partner API contracts',
  output: './reports/allure-report',
  plugins: {
    awesome: {
      options: {
        reportName: 'Partner API contracts',
        singleFile: false,
        reportLanguage: 'en',
        groupBy: ['epic', 'feature', 'story'],
      },
    },
  },
};
