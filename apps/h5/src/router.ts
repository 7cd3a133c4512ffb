import { createRouter, createWebHistory } from 'vue-router';
import { employerSession } from './lib/employer-session';
import { seekerSession } from './lib/jobs-session';
import { memberSession } from './lib/member-session';
import { volunteerSession } from './lib/volunteer-session';
import HomeView from './views/HomeView.vue';
import LandingView from './views/LandingView.vue';

// Links in messages are hash routes (/h5/#/wishes/…, contracts' workerPages), which any static
// server answers: the same page by its path, before the router reads the address.
if (location.hash.startsWith('#/')) history.replaceState(null, '', `${import.meta.env.BASE_URL}${location.hash.slice(2)}`);

/** The landing page is the first screen of a scan: it and the home page are in the first bundle, the rest load on demand. */
export const router = createRouter({
  history: createWebHistory('/h5/'),
  routes: [
    { path: '/', component: HomeView, meta: { title: '工会驿站' } },
    { path: '/s/:stationId', component: LandingView, meta: { title: '扫码打卡' } },
    { path: '/s/:stationId/wish', component: () => import('./views/WishPostView.vue'), meta: { title: '许个心愿' } },
    { path: '/activities', component: () => import('./views/ActivitiesView.vue'), meta: { title: '活动报名' } },
    { path: '/nearby', component: () => import('./views/NearbyView.vue'), meta: { title: '附近驿站' } },
    { path: '/wishes', component: () => import('./views/MyWishesView.vue'), meta: { title: '我的心愿' } },
    { path: '/wishes/:wishNo', component: () => import('./views/WishStatusView.vue'), meta: { title: '心愿进度' } },
    { path: '/report', component: () => import('./views/ReportView.vue'), meta: { title: '随手拍' } },
    { path: '/join', component: () => import('./views/JoinView.vue'), meta: { title: '我要入会' } },
    { path: '/join/status/:applicationNumber', component: () => import('./views/JoinStatusView.vue'), meta: { title: '申请进度' } },
    { path: '/member', redirect: '/member/card' },
    { path: '/member/login', component: () => import('./views/MemberSignInView.vue'), meta: { title: '会员登录' } },
    { path: '/member/card', component: () => import('./views/MemberCardView.vue'), meta: { title: '我的会员卡', member: true } },
    { path: '/member/points', component: () => import('./views/MemberPointsView.vue'), meta: { title: '我的积分', member: true } },
    { path: '/volunteer', redirect: '/volunteer/invitations' },
    { path: '/volunteer/login', component: () => import('./views/VolunteerSignInView.vue'), meta: { title: '志愿者登录' } },
    { path: '/volunteer/invitations', component: () => import('./views/VolunteerInvitationsView.vue'), meta: { title: '我的邀请', volunteer: true } },
    { path: '/volunteer/invitations/:invitationId', component: () => import('./views/VolunteerInvitationsView.vue'), meta: { title: '志愿服务邀请', volunteer: true } },
    { path: '/volunteer/tasks', component: () => import('./views/VolunteerTasksView.vue'), meta: { title: '我的任务', volunteer: true } },
    { path: '/volunteer/hours', component: () => import('./views/VolunteerHoursView.vue'), meta: { title: '服务时长', volunteer: true } },
    { path: '/volunteer/shifts', redirect: '/volunteer/hours' },
    { path: '/jobs', component: () => import('./views/JobsView.vue'), meta: { title: '零工之家' } },
    { path: '/jobs/login', component: () => import('./views/JobsSignInView.vue'), meta: { title: '求职者登录' } },
    { path: '/jobs/postings/:postingId', component: () => import('./views/JobPostingView.vue'), meta: { title: '招工信息' } },
    { path: '/jobs/applications', component: () => import('./views/JobApplicationsView.vue'), meta: { title: '我的申请', seeker: true } },
    { path: '/jobs/employer', component: () => import('./views/EmployerHomeView.vue'), meta: { title: '我的招工', employer: true } },
    { path: '/jobs/employer/login', component: () => import('./views/EmployerSignInView.vue'), meta: { title: '雇主登录' } },
    { path: '/jobs/employer/post', component: () => import('./views/EmployerPostView.vue'), meta: { title: '发布招工', employer: true } },
    { path: '/jobs/employer/postings/:postingId', component: () => import('./views/EmployerApplicantsView.vue'), meta: { title: '申请人', employer: true } },
    { path: '/jobs/inbox', component: () => import('./views/JobsInboxView.vue'), meta: { title: '推送给我', seeker: true } },
    { path: '/jobs/me', component: () => import('./views/JobsAccountView.vue'), meta: { title: '我的', seeker: true } },
    { path: '/inbox', component: () => import('./views/InboxView.vue'), meta: { title: '消息' } },
    { path: '/:rest(.*)*', component: () => import('./views/NotFoundView.vue'), meta: { title: '页面不存在' } },
  ],
  scrollBehavior: () => ({ top: 0 }),
});

// A member's, a volunteer's, a seeker's or an employer's page without a session asks for one first, then comes back.
router.beforeEach((to) => {
  if (to.meta['member'] && !memberSession()) return { path: '/member/login', query: { next: to.path } };
  if (to.meta['volunteer'] && !volunteerSession()) return { path: '/volunteer/login', query: { next: to.path } };
  if (to.meta['seeker'] && !seekerSession()) return { path: '/jobs/login', query: { next: to.path } };
  if (to.meta['employer'] && !employerSession()) return { path: '/jobs/employer/login', query: { next: to.path } };
  return true;
});

router.afterEach((to) => {
  document.title = `${String(to.meta['title'] ?? '工会驿站')} · 工会驿站`;
});
