/**
 * The command registry: every chat command, listed explicitly so that the compiler checks each
 * one (a folder scan would silently skip a broken file). Slack's manifest, Discord's command JSON,
 * the help and the router all derive from this list.
 */
import complaintFile from "./complaint-file.js";
import complaintValidate from "./complaint-validate.js";
import complaintReject from "./complaint-reject.js";
import complaintAssign from "./complaint-assign.js";
import complaintCause from "./complaint-cause.js";
import complaintPropose from "./complaint-propose.js";
import complaintApprove from "./complaint-approve.js";
import complaintResolve from "./complaint-resolve.js";
import complaintReview from "./complaint-review.js";
import complaintReopen from "./complaint-reopen.js";
import complaintShow from "./complaint-show.js";
import complaintList from "./complaint-list.js";
import complaintStats from "./complaint-stats.js";
import complaintDeadlines from "./complaint-deadlines.js";
import orderAdd from "./order-add.js";
import paymentAdd from "./payment-add.js";
import expenseAdd from "./expense-add.js";
import orderList from "./order-list.js";
import orderVoid from "./order-void.js";
import paymentList from "./payment-list.js";
import paymentVoid from "./payment-void.js";
import expenseList from "./expense-list.js";
import expenseVoid from "./expense-void.js";
import budgetSet from "./budget-set.js";
import planSet from "./plan-set.js";
import exportCommand from "./export.js";
import importCommand from "./import.js";
import segmentRun from "./segment-run.js";
import segmentSettings from "./segment-settings.js";
import reportAbc from "./report-abc.js";
import reportKeyaccounts from "./report-keyaccounts.js";
import reportCustomer from "./report-customer.js";
import reportRep from "./report-rep.js";
import alertList from "./alert-list.js";
import alertShow from "./alert-show.js";
import alertAck from "./alert-ack.js";
import alertAssign from "./alert-assign.js";
import alertSnooze from "./alert-snooze.js";
import alertResolve from "./alert-resolve.js";
import alertRules from "./alert-rules.js";
import alertSchedule from "./alert-schedule.js";
import alertRun from "./alert-run.js";
import alertRouteAdd from "./alert-route-add.js";
import alertRouteList from "./alert-route-list.js";
import alertRouteRemove from "./alert-route-remove.js";
import alertDeliveries from "./alert-deliveries.js";
import alertRedeliver from "./alert-redeliver.js";
import incidentReport from "./incident-report.js";
import contactAdd from "./contact-add.js";
import contactList from "./contact-list.js";
import customerMerge from "./customer-merge.js";
import statement from "./statement.js";
import today from "./today.js";
import contactEdit from "./contact-edit.js";
import contactRemove from "./contact-remove.js";
import crmLanguage from "./crm-language.js";
import crmCalendar from "./crm-calendar.js";
import crmRole from "./crm-role.js";
import crmClaim from "./crm-claim.js";
import userDeactivate from "./user-deactivate.js";
import auditCommand from "./audit.js";
import customerAdd from "./customer-add.js";
import customerAssign from "./customer-assign.js";
import customerEdit from "./customer-edit.js";
import customerFind from "./customer-find.js";
import customerHistory from "./customer-history.js";
import customerList from "./customer-list.js";
import customerShow from "./customer-show.js";
import followupDone from "./followup-done.js";
import followupMove from "./followup-move.js";
import followups from "./followups.js";
import userAdd from "./user-add.js";
import userList from "./user-list.js";
import userSet from "./user-set.js";
import visitCadence from "./visit-cadence.js";
import visitDue from "./visit-due.js";
import visitList from "./visit-list.js";
import visitEdit from "./visit-edit.js";
import visitVoid from "./visit-void.js";
import visitLog from "./visit-log.js";
import visitPlan from "./visit-plan.js";
import visitPlanStatus from "./visit-plan-status.js";

export const commands = [
  customerFind,
  customerShow,
  customerAdd,
  customerEdit,
  customerAssign,
  customerHistory,
  customerList,
  customerMerge,
  statement,
  today,
  contactAdd,
  contactList,
  contactEdit,
  contactRemove,
  visitLog,
  visitList,
  visitEdit,
  visitVoid,
  visitDue,
  visitPlan,
  visitPlanStatus,
  visitCadence,
  followups,
  followupDone,
  followupMove,
  orderAdd,
  orderList,
  orderVoid,
  paymentAdd,
  paymentList,
  paymentVoid,
  expenseAdd,
  expenseList,
  expenseVoid,
  budgetSet,
  planSet,
  alertList,
  alertShow,
  alertAck,
  alertAssign,
  alertSnooze,
  alertResolve,
  alertRules,
  alertSchedule,
  alertRun,
  alertRouteAdd,
  alertRouteList,
  alertRouteRemove,
  alertDeliveries,
  alertRedeliver,
  incidentReport,
  segmentRun,
  segmentSettings,
  reportAbc,
  reportKeyaccounts,
  reportCustomer,
  reportRep,
  importCommand,
  exportCommand,
  complaintFile,
  complaintValidate,
  complaintReject,
  complaintAssign,
  complaintCause,
  complaintPropose,
  complaintApprove,
  complaintResolve,
  complaintReview,
  complaintReopen,
  complaintShow,
  complaintList,
  complaintStats,
  complaintDeadlines,
  userList,
  userAdd,
  userSet,
  crmLanguage,
  crmCalendar,
  crmRole,
  crmClaim,
  userDeactivate,
  auditCommand,
] as const;
