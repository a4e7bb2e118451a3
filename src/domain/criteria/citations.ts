/**
 * Citations of rule set jp-2024.2, spelled once. Section numbers of the General Understanding
 * (文化審議会著作権分科会法制度小委員会「AIと著作権に関する考え方について」, 15 March 2024) are
 * given only as far as they were checked (reference/README.md "Citations of jp-2024.2"):
 * §5(1) is the development and training stage, §5(2) the generation and use stage, and
 * §5(2)キ the discussion of who is liable (the developer or provider as the actor). Other
 * sub-section letters were not confirmed against the text and are not cited. The AI Promotion Act's number and
 * Art. 3(4), and the Principle Code's name and Principle 2, were checked on 2026-11-30 (reference/README.md).
 */
import { GU } from './criterion';

export const GU_TRAINING = `${GU} (15 March 2024) §5(1) (development and training stage)`;
export const GU_GENERATION = `${GU} (15 March 2024) §5(2) (generation and use stage)`;
export const GU_LIABILITY = `${GU} (15 March 2024) §5(2)キ (who is liable: user, developer or provider)`;

export const ART_30_4 = 'Copyright Act Art. 30-4';
export const ART_30_4_PROVISO = 'Copyright Act Art. 30-4 proviso';
export const ART_47_5 = 'Copyright Act Art. 47-5(1) (minor exploitation incidental to search and information-analysis services)';
export const ART_21 = 'Copyright Act Art. 21 (reproduction), Art. 23 (public transmission)';
/** Similarity: the essential features of the work's expression are directly perceivable (reproduction and adaptation rights; Supreme Court, 28 June 2001, Esashi Oiwake). */
export const ART_21_27_SIMILARITY = 'Copyright Act Art. 21 (reproduction), Art. 27 (adaptation): the essential features of the expression directly perceivable (Supreme Court, 28 June 2001)';
export const ART_112 = 'Copyright Act Art. 112 (injunction)';
export const ART_114 = 'Copyright Act Art. 114 (presumed amount of damages)';
export const CIVIL_709 = 'Civil Code Art. 709 (damages for intentional or negligent infringement)';

/** The framework layer: duties a participating firm accepts; not the Copyright Act. */
export const FRAMEWORK = "Chōtei framework (the proposed balanced framework's duties accepted by participating firms)";
export const AI_PROMOTION_ACT = 'Act on the Promotion of Research and Development and the Utilization of AI-Related Technologies (人工知能関連技術の研究開発及び活用の推進に関する法律, AI Promotion Act, Act No. 53 of 2025) Art. 3(4) (transparency of AI development and use, against risks such as copyright infringement)';
export const PRINCIPLE_CODE = 'Principle Code on the protection of intellectual property and transparency for the appropriate use of generative AI (生成AIの適切な利活用等に向けた知的財産の保護及び透明性に関するプリンシプル・コード; Intellectual Property Strategy Headquarters, draft of 26 December 2025), Principle 2: training data disclosed on a rights holder\'s request; comply or explain';

export const FRAMEWORK_OPT_OUT_CITATION = `${FRAMEWORK}: honour recognised opt-outs; ${AI_PROMOTION_ACT}. Not a right under the Copyright Act, which has no opt-out`;
export const FRAMEWORK_TRANSPARENCY_CITATION = `${FRAMEWORK}: transparency duty; ${PRINCIPLE_CODE}; ${AI_PROMOTION_ACT}`;
