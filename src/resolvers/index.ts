import { AccountResolver, AiFirmResolver } from './account.resolver';
import { CaseEventResolver, CaseResolver } from './case.resolver';
import { WorkResolver } from './work.resolver';

/** Every resolver class; build-schema.ts reads this list. */
export const RESOLVERS = [AccountResolver, AiFirmResolver, WorkResolver, CaseResolver, CaseEventResolver] as const;
