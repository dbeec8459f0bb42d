import { configure } from '@testing-library/react';

// The machine running the tests is shared and slow at times: wait up to 5 s for the UI to settle
// instead of testing-library's 1 s, which would turn a busy CPU into a failed test.
configure({ asyncUtilTimeout: 5000 });
