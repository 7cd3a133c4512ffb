import { createRouter, createWebHistory } from 'vue-router';
import { mayOpen } from './lib/roles';
import { useSession } from './lib/session';
import ConsoleLayout from './views/ConsoleLayout.vue';
import HomeView from './views/HomeView.vue';

export const router = createRouter({
  history: createWebHistory('/console/'),
  routes: [
    { path: '/callback', name: 'callback', component: () => import('./views/CallbackView.vue'), meta: { public: true } },
    {
      path: '/',
      component: ConsoleLayout,
      children: [
        { path: '', name: 'home', component: HomeView },
        { path: 'my-station', name: 'my-station', component: () => import('./views/StationView.vue') },
        { path: 'stations', name: 'stations', component: () => import('./views/StationsView.vue') },
        { path: 'stations/:id', name: 'station', component: () => import('./views/StationView.vue'), props: true, meta: { screen: 'stations' } },
        { path: 'demand', name: 'demand', component: () => import('./views/DemandView.vue') },
        { path: 'volunteers', name: 'volunteers', component: () => import('./views/VolunteersView.vue') },
        { path: 'reports', name: 'reports', component: () => import('./views/ReportsView.vue') },
        { path: 'directives', name: 'directives', component: () => import('./views/DirectivesView.vue') },
        { path: 'received', name: 'received', component: () => import('./views/ReceivedView.vue') },
        { path: 'unions', name: 'unions', component: () => import('./views/UnionsView.vue') },
        { path: 'shop', name: 'shop', component: () => import('./views/ShopView.vue') },
        { path: 'erasure', name: 'erasure', component: () => import('./views/ErasureView.vue') },
        { path: 'rota', name: 'rota', component: () => import('./views/RotaView.vue') },
        { path: 'welfare', name: 'welfare', component: () => import('./views/WelfareView.vue') },
        { path: 'programmes', name: 'programmes', component: () => import('./views/ProgrammesView.vue') },
        { path: 'compliance', name: 'compliance', component: () => import('./views/ComplianceView.vue') },
        { path: 'density', name: 'density', component: () => import('./views/DensityView.vue') },
        { path: 'annual-report', name: 'annual-report', component: () => import('./views/AnnualReportView.vue') },
        { path: 'accounts', name: 'accounts', component: () => import('./views/AccountsView.vue') },
        { path: 'ops', name: 'ops', component: () => import('./views/OpsView.vue') },
        { path: 'messages', name: 'messages', component: () => import('./views/MessagesView.vue') },
        { path: 'deliveries', name: 'deliveries', component: () => import('./views/DeliveriesView.vue') },
        { path: 'applications', name: 'applications', component: () => import('./views/ApplicationsView.vue') },
        { path: 'applications/:id', name: 'application', component: () => import('./views/ApplicationView.vue'), props: true, meta: { screen: 'applications' } },
        { path: 'wishes', name: 'wishes', component: () => import('./views/WishesView.vue') },
        { path: 'tasks', name: 'tasks', component: () => import('./views/TasksView.vue') },
        { path: 'jobs-review', name: 'jobs-review', component: () => import('./views/JobsReviewView.vue') },
        { path: 'fairs', name: 'fairs', component: () => import('./views/FairsView.vue') },
        { path: 'activities', name: 'activities', component: () => import('./views/ActivitiesView.vue') },
        { path: 'jobs-figures', name: 'jobs-figures', component: () => import('./views/JobsFiguresView.vue') },
        { path: 'funds', name: 'funds', component: () => import('./views/FundsView.vue') },
        { path: 'legal-aid', name: 'legal-aid', component: () => import('./views/LegalAidView.vue') },
        { path: ':unknown(.*)*', name: 'not-found', component: () => import('./views/NotFoundView.vue') },
      ],
    },
  ],
});

/** Every screen but the callback needs a signed-in officer; a screen outside the role's menu leads home. */
router.beforeEach(async (to) => {
  if (to.meta['public']) return true;
  const session = useSession();
  if (!session.signedIn) {
    await session.signIn(to.fullPath);
    return false;
  }
  const screen = (to.meta['screen'] as string | undefined) ?? String(to.name ?? '');
  return mayOpen(session.officer?.role, screen) ? true : { name: 'home' };
});
