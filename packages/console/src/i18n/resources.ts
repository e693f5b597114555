import * as applicant from '../screens/applicant/messages';
import * as caseFile from '../screens/case-file/messages';
import * as home from '../screens/home/messages';
import * as inbox from '../screens/inbox/messages';
import * as signin from '../screens/signin/messages';
import * as window from '../screens/window/messages';
import * as common from './common';

/**
 * Every namespace: `common` and one per screen area, each area's words in its own folder. zh-CN is the
 * reference (its type is the key set); en is typed against it, so a missing translation fails the build.
 */
export const resources = {
  'zh-CN': {
    common: common.zh,
    signin: signin.zh,
    home: home.zh,
    window: window.zh,
    inbox: inbox.zh,
    caseFile: caseFile.zh,
    applicant: applicant.zh,
  },
  en: {
    common: common.en,
    signin: signin.en,
    home: home.en,
    window: window.en,
    inbox: inbox.en,
    caseFile: caseFile.en,
    applicant: applicant.en,
  },
} as const;

export type Namespace = keyof (typeof resources)['zh-CN'];
