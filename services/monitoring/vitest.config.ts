import { nestVitestConfig } from '@docket/testkit/vitest';

export default nestVitestConfig();
