export { pointsService } from './points.service';
