/**
 * The command registry: every chat command, listed explicitly so that the compiler checks each
 * one (a folder scan would silently skip a broken file). Slack's manifest, Discord's command JSON,
 * the help and the router all derive from this list.
 */
import contactAdd from "./contact-add.js";
import contactList from "./contact-list.js";
import crmLanguage from "./crm-language.js";
import customerAdd from "./customer-add.js";
import customerAssign from "./customer-assign.js";
import customerEdit from "./customer-edit.js";
import customerFind from "./customer-find.js";
import customerHistory from "./customer-history.js";
import customerShow from "./customer-show.js";
import userAdd from "./user-add.js";
import userList from "./user-list.js";
import userSet from "./user-set.js";

export const commands = [
  customerFind,
  customerShow,
  customerAdd,
  customerEdit,
  customerAssign,
  customerHistory,
  contactAdd,
  contactList,
  userList,
  userAdd,
  userSet,
  crmLanguage,
] as const;
