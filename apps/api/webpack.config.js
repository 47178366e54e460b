const { NxAppWebpackPlugin } = require('@nx/webpack/app-plugin');
const { join } = require('node:path');

// Bundles the API's own code and the shared libs; node_modules stay external. Four entry points over
// the same modules: main (HTTP), worker (jobs), migrate (deploy step) and cli (admin commands).
module.exports = {
  output: { path: join(__dirname, '../../dist/apps/api') },
  devtool: 'source-map',
  plugins: [
    new NxAppWebpackPlugin({
      target: 'node',
      compiler: 'tsc',
      main: './src/main.ts',
      additionalEntryPoints: [
        { entryName: 'worker', entryPath: './src/worker.ts' },
        { entryName: 'migrate', entryPath: './src/migrate.ts' },
        { entryName: 'cli', entryPath: './src/cli.ts' },
      ],
      tsConfig: './tsconfig.app.json',
      // Certificate fonts (DejaVu Sans + licence), read at run time from dist/apps/api/fonts.
      assets: [{ input: 'apps/api/src/certificates-pdf/fonts', glob: '*', output: 'fonts' }],
      optimization: false,
      outputHashing: 'none',
      generatePackageJson: false,
      sourceMap: true,
    }),
  ],
};
