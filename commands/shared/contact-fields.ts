import { arg } from "../../src/core/args.js";
import { CONTACT_ROLES, CONTACT_ROLE_WORDS, STANCES, STANCE_WORDS } from "../../src/domain/vocabulary.js";

/** The details of a contact, as /contact add records them and /contact edit corrects them. */
export const contactFieldArgs = {
  title: arg.text({ max: 50, aliases: ["职务", "职位"] }),
  phone: arg.text({ max: 30, aliases: ["电话", "手机"] }),
  role: arg.choice("contactRole", CONTACT_ROLES, CONTACT_ROLE_WORDS, { aliases: ["角色"] }),
  stance: arg.choice("stance", STANCES, STANCE_WORDS, { aliases: ["态度", "立场"] }),
  // A birthday is a month and a day (5-12, 5月12号); a year, if typed, is kept but not shown.
  birthday: arg.date({ aliases: ["生日"] }),
  personality: arg.text({ max: 500, aliases: ["性格"] }),
  hobbies: arg.text({ max: 500, aliases: ["爱好", "性格爱好"] }),
  family: arg.text({ max: 500, aliases: ["家庭"] }),
};
