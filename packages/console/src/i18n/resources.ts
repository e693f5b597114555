import * as admin from '../screens/admin/messages';
import * as applicant from '../screens/applicant/messages';
import * as audit from '../screens/audit/messages';
import * as caseFile from '../screens/case-file/messages';
import * as home from '../screens/home/messages';
import * as inbox from '../screens/inbox/messages';
import * as signin from '../screens/signin/messages';
import * as supervision from '../screens/supervision/messages';
import * as wall from '../screens/wall/messages';
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
    wall: wall.zh,
    supervision: supervision.zh,
    audit: audit.zh,
    admin: admin.zh,
  },
  en: {
    common: common.en,
    signin: signin.en,
    home: home.en,
    window: window.en,
    inbox: inbox.en,
    caseFile: caseFile.en,
    applicant: applicant.en,
    wall: wall.en,
    supervision: supervision.en,
    audit: audit.en,
    admin: admin.en,
  },
} as const;

export type Namespace = keyof (typeof resources)['zh-CN'];
